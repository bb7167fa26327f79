package io.blindspot.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps the committed spec under {@code openapi/} equal to what a service serves.
 *
 * <p>Run the tests with {@code BLINDSPOT_OPENAPI_WRITE=1} (or {@code ./blindspot openapi}) to
 * rewrite the committed files after an intended API change, then review the diff.
 */
public final class OpenApiContract {

  private OpenApiContract() {}

  public static void assertMatchesCommitted(String service, String served) {
    Path committed = repositoryRoot().resolve("openapi").resolve(service + ".yaml");
    try {
      if ("1".equals(System.getenv("BLINDSPOT_OPENAPI_WRITE"))) {
        Files.writeString(committed, served, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(committed)) {
        throw new AssertionError(
            committed + " is missing; write it with BLINDSPOT_OPENAPI_WRITE=1 ./blindspot openapi");
      }
      String expected = Files.readString(committed, StandardCharsets.UTF_8);
      if (!expected.equals(served)) {
        throw new AssertionError(
            "The spec "
                + service
                + " serves differs from "
                + committed
                + " (first difference "
                + firstDifference(expected, served)
                + "). If the change is intended: ./blindspot openapi, then review the diff.");
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read or write " + committed + ": " + e.getMessage(), e);
    }
  }

  private static String firstDifference(String expected, String served) {
    List<String> a = expected.lines().toList();
    List<String> b = served.lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String left = i < a.size() ? a.get(i) : "<end of file>";
      String right = i < b.size() ? b.get(i) : "<end of file>";
      if (!left.equals(right)) {
        return "at line " + (i + 1) + ": committed `" + left + "`, served `" + right + "`";
      }
    }
    return "in line endings";
  }

  /** The directory holding the root pom.xml and openapi/, found from the module's directory. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("openapi")) && Files.exists(dir.resolve("mvnw"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new AssertionError(
        "no repository root (with mvnw and openapi/) above " + Path.of("").toAbsolutePath());
  }
}
