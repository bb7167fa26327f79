package io.blindspot.core.versions;

import io.blindspot.core.packages.PackageManager;

/**
 * rpm's version ordering ({@code rpmverCmp} over {@code [epoch:]version[-release]}, rpm 4.16+): the
 * epoch (0 when absent), then the version, then the release, each with {@link #rpmvercmp}; a
 * missing release sorts before any release, as in rpm's {@code rpmverCmp} ({@code 1.0 < 1.0-1}).
 *
 * <p>{@code rpmvercmp} splits into runs of ASCII digits and ASCII letters, skipping everything else
 * as separators; digit runs compare numerically and beat letter runs; {@code ~} sorts before
 * anything, even the end of the string ({@code 1.0~rc1 < 1.0}); {@code ^} sorts after the end of
 * the string but before any further segment ({@code 1.0 < 1.0^git1 < 1.0.1}). Any string is
 * accepted.
 */
public final class RpmVersion implements VersionComparator {

  public static final RpmVersion INSTANCE = new RpmVersion();

  private RpmVersion() {}

  @Override
  public PackageManager manager() {
    return PackageManager.RPM;
  }

  @Override
  public int compare(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    Evr ea = Evr.of(a);
    Evr eb = Evr.of(b);
    int c = rpmvercmp(ea.epoch() == null ? "0" : ea.epoch(), eb.epoch() == null ? "0" : eb.epoch());
    if (c == 0) {
      c = rpmvercmp(ea.version(), eb.version());
    }
    if (c == 0) {
      c = compareReleases(ea.release(), eb.release());
    }
    return c;
  }

  /** rpm 4.16+ compare_values: a missing release sorts before any release. */
  private static int compareReleases(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return rpmvercmp(a, b);
  }

  /** rpm accepts a version without whitespace, with an optional numeric epoch. */
  @Override
  public boolean isValid(String version) {
    if (version.isEmpty() || version.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
    Evr evr = Evr.of(version);
    return !evr.version().isEmpty() && evr.version().indexOf(':') < 0;
  }

  /** rpm's rpmvercmp (rpmio/rpmvercmp.c), with tilde and caret. Returns -1, 0 or 1. */
  public static int rpmvercmp(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    int la = a.length();
    int lb = b.length();
    while (i < la || j < lb) {
      while (i < la && isSeparator(a.charAt(i))) {
        i++;
      }
      while (j < lb && isSeparator(b.charAt(j))) {
        j++;
      }
      char ca = i < la ? a.charAt(i) : 0;
      char cb = j < lb ? b.charAt(j) : 0;
      if (ca == '~' || cb == '~') {
        if (ca != '~') {
          return 1;
        }
        if (cb != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == '^' || cb == '^') {
        if (i >= la) {
          return -1;
        }
        if (j >= lb) {
          return 1;
        }
        if (ca != '^') {
          return 1;
        }
        if (cb != '^') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (i >= la || j >= lb) {
        break;
      }
      int endA = i;
      int endB = j;
      boolean numeric = DigitStrings.isDigit(ca);
      if (numeric) {
        while (endA < la && DigitStrings.isDigit(a.charAt(endA))) {
          endA++;
        }
        while (endB < lb && DigitStrings.isDigit(b.charAt(endB))) {
          endB++;
        }
      } else {
        while (endA < la && DigitStrings.isAlpha(a.charAt(endA))) {
          endA++;
        }
        while (endB < lb && DigitStrings.isAlpha(b.charAt(endB))) {
          endB++;
        }
      }
      if (endB == j) {
        // The segments are of different types: a number is newer than letters.
        return numeric ? 1 : -1;
      }
      int c =
          numeric
              ? DigitStrings.compare(a, i, endA, b, j, endB)
              : a.substring(i, endA).compareTo(b.substring(j, endB));
      if (c != 0) {
        return c < 0 ? -1 : 1;
      }
      i = endA;
      j = endB;
    }
    if (i >= la && j >= lb) {
      return 0;
    }
    return i >= la ? -1 : 1;
  }

  private static boolean isSeparator(char c) {
    return !DigitStrings.isDigit(c) && !DigitStrings.isAlpha(c) && c != '~' && c != '^';
  }

  /**
   * rpm's parseEVR (lib/rpmds.c): the epoch is the leading digits when a colon follows them, the
   * release is what follows the last hyphen after that.
   */
  record Evr(String epoch, String version, String release) {
    static Evr of(String evr) {
      int s = 0;
      while (s < evr.length() && DigitStrings.isDigit(evr.charAt(s))) {
        s++;
      }
      int hyphen = evr.lastIndexOf('-');
      String epoch = null;
      int versionStart = 0;
      if (s < evr.length() && evr.charAt(s) == ':') {
        epoch = s == 0 ? "0" : evr.substring(0, s);
        versionStart = s + 1;
      }
      if (hyphen >= versionStart) {
        return new Evr(epoch, evr.substring(versionStart, hyphen), evr.substring(hyphen + 1));
      }
      return new Evr(epoch, evr.substring(versionStart), null);
    }
  }
}
