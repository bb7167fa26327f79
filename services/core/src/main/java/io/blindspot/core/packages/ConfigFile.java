package io.blindspot.core.packages;

import java.util.Objects;

/**
 * A configuration file a package declares (dpkg conffile, Gentoo CONFIG_PROTECT obj, rpm %config,
 * pacman backup), with the checksum the package shipped, so that a modified copy can be told apart.
 *
 * @param path absolute path
 * @param algorithm checksum algorithm, lower case: md5, sha1, sha256; null when the format has none
 * @param checksum hex (or the format's own encoding) of the shipped file; null when unknown
 */
public record ConfigFile(String path, String algorithm, String checksum) {
  public ConfigFile {
    Objects.requireNonNull(path, "path");
  }
}
