package io.blindspot.e2e;

import io.blindspot.testsupport.PostgresTestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs the three services from their packaged jars ({@code services/<svc>/target/quarkus-app}), on
 * free ports, against a throwaway database on the PostgreSQL of {@code BLINDSPOT_DB_URL} (default
 * localhost:5432). Started once for the whole test run (the root store closes it: the processes are
 * stopped and the database dropped, also when tests fail); test classes get it as a {@link Running}
 * parameter.
 */
public final class BlindspotStack implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(BlindspotStack.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  /**
   * The running stack as tests see it.
   *
   * @param database the throwaway database's JDBC settings (quarkus.datasource.jdbc.url, .username,
   *     .password), for tests that fill it in bulk
   */
  public record Running(
      URI fleet,
      URI ingest,
      URI coverage,
      String adminToken,
      Path repo,
      Path logs,
      Map<String, String> database) {}

  @Override
  public void beforeAll(ExtensionContext context) {
    stack(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Running.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return stack(context).running;
  }

  private static Stack stack(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent("stack", key -> Stack.start(), Stack.class);
  }

  /** The repository root (where pom.xml and deploy/ are). */
  public static Path repo() {
    return Path.of(System.getProperty("blindspot.repo", "../..")).toAbsolutePath().normalize();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  private static final class Stack implements AutoCloseable {

    private final PostgresTestDatabase database = new PostgresTestDatabase();
    private final List<Process> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopProcesses, "blindspot-e2e-stop");
    private Running running;

    static Stack start() {
      Stack stack = new Stack();
      try {
        stack.boot();
        return stack;
      } catch (RuntimeException | Error e) {
        stack.close();
        throw e;
      }
    }

    private void boot() {
      Path repo = repo();
      Path logs = Path.of(System.getProperty("blindspot.e2e.logs", "target/e2e-logs"));
      try {
        Files.createDirectories(logs);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      for (String service : List.of("fleet", "ingest", "coverage")) {
        Path jar = jar(repo, service);
        if (!Files.isRegularFile(jar)) {
          throw new IllegalStateException(
              jar
                  + " is missing: package the services first (./mvnw install"
                  + " -Dmaven.test.skip=true, or run this module within ./mvnw verify)");
        }
      }
      String adminToken = "e2e-admin-" + UUID.randomUUID();
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      Map<String, String> db = database.start();
      // fleet owns the schema: it migrates first, then the others validate it
      URI fleet = launch(repo, logs, "fleet", db, adminToken, true);
      waitReady("fleet", fleet, logs);
      URI ingest = launch(repo, logs, "ingest", db, adminToken, false);
      URI coverage = launch(repo, logs, "coverage", db, adminToken, false);
      waitReady("ingest", ingest, logs);
      waitReady("coverage", coverage, logs);
      running = new Running(fleet, ingest, coverage, adminToken, repo, logs, Map.copyOf(db));
    }

    private static Path jar(Path repo, String service) {
      return repo.resolve("services")
          .resolve(service)
          .resolve("target/quarkus-app/quarkus-run.jar");
    }

    private URI launch(
        Path repo,
        Path logs,
        String service,
        Map<String, String> db,
        String adminToken,
        boolean migrate) {
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(
          List.of(
              "-Xmx384m",
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-Dquarkus.http.port=" + port,
              "-Dquarkus.http.host=127.0.0.1",
              "-Dquarkus.datasource.jdbc.url=" + db.get("quarkus.datasource.jdbc.url"),
              "-Dquarkus.datasource.username=" + db.get("quarkus.datasource.username"),
              "-Dquarkus.datasource.password=" + db.get("quarkus.datasource.password"),
              "-Dquarkus.flyway.migrate-at-start=" + migrate,
              "-Dquarkus.flyway.validate-at-start=" + !migrate,
              "-jar",
              jar(repo, service).toString()));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("BLINDSPOT_ADMIN_TOKEN", adminToken);
      builder.environment().put("BLINDSPOT_DB_MIGRATE", Boolean.toString(migrate));
      builder.redirectErrorStream(true);
      builder.redirectOutput(logs.resolve(service + ".log").toFile());
      builder.directory(logs.toFile());
      try {
        processes.add(builder.start());
      } catch (IOException e) {
        throw new IllegalStateException("cannot start " + service, e);
      }
      return URI.create("http://127.0.0.1:" + port);
    }

    private void waitReady(String service, URI base, Path logs) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve("/q/health/ready"))
              .timeout(Duration.ofSeconds(5))
              .build();
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        if (processes.stream().anyMatch(p -> !p.isAlive())) {
          throw new IllegalStateException(
              "a service exited while "
                  + service
                  + " was starting; see "
                  + logs
                  + "\n"
                  + tail(logs));
        }
        try {
          HttpResponse<String> response =
              client.send(request, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        sleep(300);
      }
      throw new IllegalStateException(
          service + " was not ready within " + READY_TIMEOUT + "; see " + logs + "\n" + tail(logs));
    }

    private static String tail(Path logs) {
      StringBuilder out = new StringBuilder();
      for (String service : List.of("fleet", "ingest", "coverage")) {
        Path log = logs.resolve(service + ".log");
        try {
          if (Files.exists(log)) {
            List<String> lines = Files.readAllLines(log);
            out.append("--- ").append(service).append(".log (tail)\n");
            lines
                .subList(Math.max(0, lines.size() - 40), lines.size())
                .forEach(l -> out.append(l).append('\n'));
          }
        } catch (IOException e) {
          out.append(e).append('\n');
        }
      }
      return out.toString();
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void stopProcesses() {
      for (Process process : processes) {
        process.destroy();
      }
      for (Process process : processes) {
        try {
          if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          process.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public void close() {
      try {
        stopProcesses();
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
          // shutting down already, or never registered
        }
      } finally {
        database.stop();
      }
    }
  }
}
