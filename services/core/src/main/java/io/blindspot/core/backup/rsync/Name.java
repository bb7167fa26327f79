package io.blindspot.core.backup.rsync;

import java.nio.charset.StandardCharsets;

/**
 * A name as rsync's sender tests it against the filter rules, with the byte forms the wildcard
 * matcher needs computed once per name (not once per rule).
 */
final class Name {
  private final String rel;
  private final String absWithSlash;
  private String abs;
  private final boolean dir;
  private final boolean currDirIsRoot;
  private String base;
  private byte[] relBytes;
  private byte[] absBytes;
  private byte[] baseBytes;

  /**
   * @param rel the path relative to the sender's working directory (the transfer root), no leading
   *     or trailing '/'
   * @param absWithSlash the absolute path (with its leading '/')
   * @param dir whether it is a directory (symlinks never are)
   * @param currDirIsRoot whether the transfer root is "/" (rsync then does not prefix absolute-path
   *     rules with it)
   */
  Name(String rel, String absWithSlash, boolean dir, boolean currDirIsRoot) {
    this.rel = rel;
    this.absWithSlash = absWithSlash;
    this.dir = dir;
    this.currDirIsRoot = currDirIsRoot;
  }

  String rel() {
    return rel;
  }

  /** The absolute path without its leading '/'. */
  String abs() {
    if (abs == null) {
      abs = absWithSlash.substring(1);
    }
    return abs;
  }

  boolean dir() {
    return dir;
  }

  boolean currDirIsRoot() {
    return currDirIsRoot;
  }

  String base() {
    if (base == null) {
      int i = rel.lastIndexOf('/');
      base = i < 0 ? rel : rel.substring(i + 1);
    }
    return base;
  }

  byte[] relBytes() {
    if (relBytes == null) {
      relBytes = rel.getBytes(StandardCharsets.UTF_8);
    }
    return relBytes;
  }

  byte[] absBytes() {
    if (absBytes == null) {
      absBytes = abs.getBytes(StandardCharsets.UTF_8);
    }
    return absBytes;
  }

  byte[] baseBytes() {
    if (baseBytes == null) {
      baseBytes = base().getBytes(StandardCharsets.UTF_8);
    }
    return baseBytes;
  }
}
