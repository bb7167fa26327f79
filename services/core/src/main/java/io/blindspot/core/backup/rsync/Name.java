package io.blindspot.core.backup.rsync;

import java.nio.charset.StandardCharsets;

/**
 * A name as rsync's sender tests it against the filter rules, with the byte forms the wildcard
 * matcher needs computed once per name (not once per rule).
 *
 * <p>The relative path and the last element are kept as regions of one backing string (they run to
 * its end) so that the rule indexes can look them up without building substrings; the strings
 * themselves are only built when asked for.
 */
final class Name {
  private String text; // rel is text[relStart..]
  private int relStart;
  private int baseStart;
  private String absWithSlash;
  private String rel;
  private String abs;
  private boolean dir;
  private boolean currDirIsRoot;
  private String base;
  private byte[] relBytes;
  private int relFrom;
  private byte[] absBytes;
  private byte[] baseBytes;
  private int baseFrom;
  private int relEnd;
  private int baseEnd;
  private byte[] buf; // reused for the bytes of ASCII names

  /** An empty name, to be {@link #set} (reused by one evaluation). */
  Name() {}

  /**
   * @param rel the path relative to the sender's working directory (the transfer root), no leading
   *     or trailing '/'
   * @param absWithSlash the absolute path (with its leading '/')
   * @param dir whether it is a directory (symlinks never are)
   * @param currDirIsRoot whether the transfer root is "/" (rsync then does not prefix absolute-path
   *     rules with it)
   */
  Name(String rel, String absWithSlash, boolean dir, boolean currDirIsRoot) {
    this(rel, 0, absWithSlash, dir, currDirIsRoot);
  }

  /**
   * @param text a string whose part from {@code relStart} to its end is the relative path
   */
  Name(String text, int relStart, String absWithSlash, boolean dir, boolean currDirIsRoot) {
    set(text, relStart, absWithSlash, dir, currDirIsRoot);
  }

  /** Makes this the given name (see the constructor), forgetting what was computed before. */
  Name set(String text, int relStart, String absWithSlash, boolean dir, boolean currDirIsRoot) {
    this.rel = null;
    this.abs = null;
    this.base = null;
    this.relBytes = null;
    this.absBytes = null;
    this.baseBytes = null;
    this.text = text;
    this.relStart = relStart;
    this.baseStart = Math.max(text.lastIndexOf('/') + 1, relStart);
    this.absWithSlash = absWithSlash;
    this.dir = dir;
    this.currDirIsRoot = currDirIsRoot;
    return this;
  }

  String rel() {
    if (rel == null) {
      rel = relStart == 0 ? text : text.substring(relStart);
    }
    return rel;
  }

  /** The string the relative path and the last element are regions of (to its end). */
  String text() {
    return text;
  }

  /** Where the relative path starts in {@link #text()}. */
  int relStart() {
    return relStart;
  }

  /** Where the last element starts in {@link #text()}. */
  int baseStart() {
    return baseStart;
  }

  /** The absolute path with its leading '/'; {@link #abs()} is its part from index 1. */
  String absWithSlash() {
    return absWithSlash;
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
      base = baseStart == 0 ? text : text.substring(baseStart);
    }
    return base;
  }

  private void textBytes() {
    String t = text;
    int n = t.length();
    byte[] b = buf;
    if (b == null || b.length < n) {
      b = new byte[Math.max(n, 64) * 2];
      buf = b;
    }
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      b[i] = (byte) c; // ASCII: its UTF-8 is itself
    }
    if (ascii) {
      relBytes = b;
      relFrom = relStart;
      relEnd = n;
      baseBytes = b;
      baseFrom = baseStart;
      baseEnd = n;
    } else {
      relBytes = rel().getBytes(StandardCharsets.UTF_8);
      relFrom = 0;
      relEnd = relBytes.length;
      baseBytes = base().getBytes(StandardCharsets.UTF_8);
      baseFrom = 0;
      baseEnd = baseBytes.length;
    }
  }

  /**
   * Bytes whose part from {@link #relFrom()} to {@link #relEnd()} is the UTF-8 of {@link #rel()}
   * (only valid until the next {@link #set}).
   */
  byte[] relBytes() {
    if (relBytes == null) {
      textBytes();
    }
    return relBytes;
  }

  int relFrom() {
    relBytes();
    return relFrom;
  }

  int relEnd() {
    relBytes();
    return relEnd;
  }

  /** The UTF-8 of {@link #abs()}. */
  byte[] absBytes() {
    if (absBytes == null) {
      absBytes = abs().getBytes(StandardCharsets.UTF_8);
    }
    return absBytes;
  }

  /** Bytes whose part from {@link #baseFrom()} to {@link #baseEnd()} is the UTF-8 of the base. */
  byte[] baseBytes() {
    if (baseBytes == null) {
      textBytes();
    }
    return baseBytes;
  }

  int baseFrom() {
    baseBytes();
    return baseFrom;
  }

  int baseEnd() {
    baseBytes();
    return baseEnd;
  }
}
