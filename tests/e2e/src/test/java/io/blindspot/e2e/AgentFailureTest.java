package io.blindspot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.e2e.Agent.Shell;
import io.blindspot.e2e.BlindspotStack.Running;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent when things go wrong: the service down, a refused token, a service that hangs. */
@ExtendWith(BlindspotStack.class)
class AgentFailureTest {

  private final Running stack;
  private final Fleet fleet;

  AgentFailureTest(Running stack) {
    this.stack = stack;
    this.fleet = new Fleet(stack);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Shell.class)
  void serviceDownSpoolsAndTheNextRunSendsTheSpool(Shell shell, @TempDir Path tmp)
      throws IOException {
    String host = "spooled-" + shell.id();
    Agent agent =
        new Agent(shell, FakeRoots.alpine(tmp.resolve("root"), host), tmp.resolve("agent"))
            .configure("retries=2", "backoff=1", "timeout=10");
    fleet.enrolled(agent);
    String down = "http://127.0.0.1:" + BlindspotStack.freePort();

    Agent.Result offline = agent.run("--url", down);

    assertThat(offline.exitCode()).as(offline::toString).isEqualTo(75);
    assertThat(offline.output())
        .contains(down + " cannot be reached", "inventory: spooled", "packages: spooled")
        .contains("the next run sends them");
    try (Stream<Path> spool = Files.list(agent.state.resolve("spool"))) {
      assertThat(spool.map(p -> p.getFileName().toString()))
          .contains("inventory.gz", "inventory.meta", "packages.gz", "packages.meta");
    }
    fleet.api().get("/api/v1/servers/{hostname}", host).then().statusCode(200);

    Agent.Result online = agent.run();

    assertThat(online.exitCode()).as(online::toString).isZero();
    assertThat(online.output())
        .contains("inventory: sending what was spooled", "packages: sending what was spooled")
        .contains("inventory: unchanged", "packages: unchanged");
    assertThat(fleet.server(host).getString("packageManager")).isEqualTo("apk");
    try (Stream<Path> spool = Files.list(agent.state.resolve("spool"))) {
      assertThat(spool.filter(p -> !p.getFileName().toString().startsWith("backups"))).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Shell.class)
  void aRefusedTokenIsAClearErrorAndNotSpooled(Shell shell, @TempDir Path tmp) {
    Agent agent =
        new Agent(shell, FakeRoots.alpine(tmp.resolve("root"), "refused-" + shell.id()), tmp)
            .configure(
                "url=" + stack.ingest(),
                "token=bsa_0b9f3c527d1e4f0a9c395b1f6a2e8d11_notTheRealSecret",
                "retries=3",
                "backoff=1");

    Agent.Result run = agent.run();

    assertThat(run.exitCode()).as(run::toString).isEqualTo(3);
    assertThat(run.output()).contains("the server token was refused: re-enroll");
    assertThat(run.took()).as("a refused token is not retried").isLessThan(Duration.ofSeconds(20));
    assertThat(agent.state.resolve("spool")).isEmptyDirectory();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Shell.class)
  void aRefusedEnrollmentTokenIsAClearError(Shell shell, @TempDir Path tmp) {
    Agent agent = new Agent(shell, FakeRoots.alpine(tmp.resolve("root"), "bad-" + shell.id()), tmp);

    Agent.Result enroll = agent.enroll(stack.ingest().toString(), "bse_not-a-token");

    assertThat(enroll.exitCode()).as(enroll::toString).isEqualTo(1);
    assertThat(enroll.output()).contains("the enrollment token was refused");
    assertThat(agent.config).doesNotExist();
  }

  /** A service that accepts connections and never answers: the agent gives up in time. */
  @ParameterizedTest(name = "http={0}")
  @ValueSource(strings = {"curl", "wget"})
  void aServiceThatNeverAnswersTimesOut(String client, @TempDir Path tmp) throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      List<Socket> held = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (!silent.isClosed()) {
                    held.add(silent.accept()); // read nothing, answer nothing
                  }
                } catch (IOException e) {
                  // closed
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      Agent agent =
          new Agent(Shell.DASH, FakeRoots.alpine(tmp.resolve("root"), "slow"), tmp)
              .configure(
                  "url=http://127.0.0.1:" + silent.getLocalPort(),
                  "token=bsa_0b9f3c527d1e4f0a9c395b1f6a2e8d11_secret",
                  "http=" + client,
                  "timeout=2",
                  "connect_timeout=1",
                  "retries=2",
                  "backoff=1");

      Agent.Result run = agent.run();

      // two attempts of at most ~2 s (+5 s of wget's outer limit), one back-off of 1-2 s; the
      // other parts are spooled without waiting again
      assertThat(run.took()).as(run::toString).isLessThan(Duration.ofSeconds(25));
      assertThat(run.exitCode()).as(run::toString).isEqualTo(75);
      assertThat(run.output()).contains("cannot be reached", "packages: spooled");
      for (Socket socket : held) {
        socket.close();
      }
    }
  }
}
