package io.blindspot.core.versions;

import io.blindspot.core.packages.PackageManager;

/**
 * pacman's version ordering ({@code vercmp}, libalpm's {@code alpm_pkg_vercmp}) over {@code
 * [epoch:]pkgver[-pkgrel]}: epoch (0 when absent), then pkgver, then pkgrel only when both sides
 * have one, each with libalpm's copy of rpmvercmp.
 *
 * <p>libalpm's rpmvercmp was taken from rpm 4.8 and has diverged from rpm's ({@link
 * RpmVersion#rpmvercmp}): {@code ~} and {@code ^} are plain separators, a longer separator run wins
 * ({@code 1..0 > 1.0}), and a trailing letter run loses against the end of the string, so {@code
 * 1.0a < 1.0 < 1.0.a < 1.0.1} (vercmp(8)).
 *
 * <p>This mirrors vercmp exactly, including where vercmp is not a total order: a version without
 * pkgrel equals every pkgrel of it ({@code 1.5 = 1.5-1}, {@code 1.5 = 1.5-2}, but {@code 1.5-1 <
 * 1.5-2}), meant for dependencies such as {@code foo>=1.5}; and the separator rules can form cycles
 * on odd strings ({@code a_b < a_ < a8.8 < a_b}). Full versions of installed packages always carry
 * a pkgrel, and real pkgvers do not end in separators, so sorting those is consistent.
 */
public final class AlpmVersion implements VersionComparator {

  public static final AlpmVersion INSTANCE = new AlpmVersion();

  private AlpmVersion() {}

  @Override
  public PackageManager manager() {
    return PackageManager.PACMAN;
  }

  @Override
  public int compare(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    RpmVersion.Evr ea = RpmVersion.Evr.of(a);
    RpmVersion.Evr eb = RpmVersion.Evr.of(b);
    // Unlike rpm, pacman always assumes epoch 0 when there is none.
    int c = vercmp(ea.epoch() == null ? "0" : ea.epoch(), eb.epoch() == null ? "0" : eb.epoch());
    if (c == 0) {
      c = vercmp(ea.version(), eb.version());
    }
    if (c == 0 && ea.release() != null && eb.release() != null) {
      c = vercmp(ea.release(), eb.release());
    }
    return c;
  }

  /** makepkg's rule for pkgver: no hyphens, colons or whitespace; pkgrel digits and dots. */
  @Override
  public boolean isValid(String version) {
    RpmVersion.Evr evr = RpmVersion.Evr.of(version);
    if (evr.version().isEmpty()
        || !isAlnum(evr.version().charAt(0))
        || evr.version().indexOf(':') >= 0
        || evr.version().chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
      return false;
    }
    return evr.release() == null || evr.release().matches("[0-9]+(\\.[0-9]+)?");
  }

  /** libalpm's rpmvercmp (lib/libalpm/version.c). Returns -1, 0 or 1. */
  public static int vercmp(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    int segmentEndA = 0;
    int segmentEndB = 0;
    int la = a.length();
    int lb = b.length();
    while (i < la && j < lb) {
      while (i < la && !isAlnum(a.charAt(i))) {
        i++;
      }
      while (j < lb && !isAlnum(b.charAt(j))) {
        j++;
      }
      if (i >= la || j >= lb) {
        break;
      }
      int separatorA = i - segmentEndA;
      int separatorB = j - segmentEndB;
      if (separatorA != separatorB) {
        return separatorA < separatorB ? -1 : 1;
      }
      int endA = i;
      int endB = j;
      boolean numeric = DigitStrings.isDigit(a.charAt(i));
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
        return numeric ? 1 : -1;
      }
      int c =
          numeric
              ? DigitStrings.compare(a, i, endA, b, j, endB)
              : a.substring(i, endA).compareTo(b.substring(j, endB));
      if (c != 0) {
        return c < 0 ? -1 : 1;
      }
      i = segmentEndA = endA;
      j = segmentEndB = endB;
    }
    if (i >= la && j >= lb) {
      return 0;
    }
    // "The final showdown": a remaining letter run never beats the end of the string.
    boolean aEnded = i >= la;
    if ((aEnded && !DigitStrings.isAlpha(b.charAt(j)))
        || (!aEnded && DigitStrings.isAlpha(a.charAt(i)))) {
      return -1;
    }
    return 1;
  }

  private static boolean isAlnum(char c) {
    return DigitStrings.isDigit(c) || DigitStrings.isAlpha(c);
  }
}
