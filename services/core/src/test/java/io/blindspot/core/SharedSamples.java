package io.blindspot.core;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real files in the project's shared/samples folder, which sits beside the checkout (CI clones
 * the repository with shared/ next to it): found by walking up from the working directory.
 */
public final class SharedSamples {

  private SharedSamples() {}

  /** A real Debian 12 server's /var/lib/dpkg/status. */
  public static Path dpkgStatus() {
    return find("shared/samples/dpkg-status");
  }

  static Path find(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.isReadable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        relative + " not found in any directory above " + Path.of("").toAbsolutePath());
  }
}
