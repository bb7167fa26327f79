package io.blindspot.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs deploy/agent/blindspot-agent under a given shell, with its config and state in a dir. */
final class Agent {

  /** The shells the agent must run under. */
  enum Shell {
    DASH("dash"),
    BUSYBOX("busybox", "sh");

    final List<String> command;

    Shell(String... command) {
      this.command = List.of(command);
    }

    String id() {
      return name().toLowerCase();
    }
  }

  /** What one agent invocation did. */
  record Result(int exitCode, String output, Duration took) {
    @Override
    public String toString() {
      return "exit " + exitCode + " after " + took.toMillis() + " ms:\n" + output;
    }
  }

  final Shell shell;

  /** The fake root, or null for the machine running the tests. */
  final Path root;

  final Path config;
  final Path state;

  Agent(Shell shell, Path root, Path home) {
    this.shell = shell;
    this.root = root;
    this.config = home.resolve("agent.conf");
    this.state = home.resolve("state");
  }

  static Path script() {
    return BlindspotStack.repo().resolve("deploy/agent/blindspot-agent");
  }

  /** Adds lines to agent.conf (created when missing). */
  Agent configure(String... lines) {
    try {
      Files.createDirectories(config.getParent());
      Files.writeString(
          config,
          String.join("\n", lines) + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Result enroll(String url, String token) {
    return exec(Duration.ofSeconds(60), "enroll", "--url", url, "--token", token);
  }

  Result run(String... extra) {
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(List.of(extra));
    return exec(Duration.ofSeconds(120), args.toArray(String[]::new));
  }

  Result exec(Duration limit, String... args) {
    List<String> command = new ArrayList<>(shell.command);
    command.add(script().toString());
    command.addAll(List.of(args));
    if (root != null) {
      command.addAll(List.of("--root", root.toString()));
    }
    command.addAll(List.of("--config", config.toString(), "--state", state.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    long start = System.nanoTime();
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      // read in the background so a chatty agent cannot block on a full pipe
      StringBuilder out = new StringBuilder();
      Thread reader =
          new Thread(
              () -> {
                try {
                  out.append(
                      new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                  out.append(e);
                }
              });
      reader.start();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        reader.join(2000);
        throw new AssertionError(
            "the agent did not finish within " + limit + " (" + command + "):\n" + out);
      }
      reader.join(5000);
      return new Result(
          process.exitValue(), out.toString(), Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
