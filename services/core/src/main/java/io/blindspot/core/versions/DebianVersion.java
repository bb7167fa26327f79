package io.blindspot.core.versions;

import io.blindspot.core.packages.PackageManager;

/**
 * dpkg's version ordering ({@code dpkg --compare-versions}), per Debian Policy 5.6.12: {@code
 * [epoch:]upstream[-revision]}. The epoch is compared numerically, then upstream and revision with
 * dpkg's {@code verrevcmp}: alternating non-digit runs, compared character by character with {@code
 * ~} before everything (even the end of the string) and letters before other characters, and digit
 * runs compared numerically. A missing epoch is 0 and a missing revision compares equal to {@code
 * 0}, as in dpkg.
 *
 * <p>Malformed input (an epoch that is not a number) is compared as if the whole string were the
 * upstream version with epoch 0; dpkg would refuse it.
 */
public final class DebianVersion implements VersionComparator {

  public static final DebianVersion INSTANCE = new DebianVersion();

  private DebianVersion() {}

  @Override
  public PackageManager manager() {
    return PackageManager.DPKG;
  }

  @Override
  public int compare(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    Parts pa = Parts.of(a);
    Parts pb = Parts.of(b);
    int c = DigitStrings.compare(pa.epoch, pb.epoch);
    if (c != 0) {
      return Integer.signum(c);
    }
    c = verrevcmp(pa.upstream, pb.upstream);
    if (c != 0) {
      return Integer.signum(c);
    }
    return Integer.signum(verrevcmp(pa.revision, pb.revision));
  }

  /**
   * dpkg's rules (lib/dpkg/parsehelp.c parseversion): optional numeric epoch, a non-empty upstream
   * version starting with a digit, an optional non-empty revision, allowed characters only.
   */
  @Override
  public boolean isValid(String version) {
    if (version.isEmpty() || version.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
    int colon = version.indexOf(':');
    if (colon >= 0 && !DigitStrings.allDigits(version.substring(0, colon))) {
      return false;
    }
    Parts parts = Parts.of(version);
    if (parts.upstream.isEmpty() || !DigitStrings.isDigit(parts.upstream.charAt(0))) {
      return false;
    }
    int hyphen = version.lastIndexOf('-');
    if (hyphen > colon && parts.revision.isEmpty()) {
      return false;
    }
    for (char c : parts.upstream.toCharArray()) {
      if (!isAlnum(c) && ".-+~:".indexOf(c) < 0) {
        return false;
      }
    }
    for (char c : parts.revision.toCharArray()) {
      if (!isAlnum(c) && ".+~".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlnum(char c) {
    return DigitStrings.isDigit(c) || DigitStrings.isAlpha(c);
  }

  /** A character's weight in a non-digit run; 0 for the end of the string and for digits. */
  private static int order(String s, int i) {
    if (i >= s.length()) {
      return 0;
    }
    char c = s.charAt(i);
    if (DigitStrings.isDigit(c)) {
      return 0;
    }
    if (DigitStrings.isAlpha(c)) {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    return c + 256;
  }

  /** dpkg's verrevcmp, index-based; reading past the end behaves like C's terminating NUL. */
  static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    int la = a.length();
    int lb = b.length();
    while (i < la || j < lb) {
      while ((i < la && !DigitStrings.isDigit(a.charAt(i)))
          || (j < lb && !DigitStrings.isDigit(b.charAt(j)))) {
        int ac = order(a, i);
        int bc = order(b, j);
        if (ac != bc) {
          return ac - bc;
        }
        i++;
        j++;
      }
      while (i < la && a.charAt(i) == '0') {
        i++;
      }
      while (j < lb && b.charAt(j) == '0') {
        j++;
      }
      int firstDiff = 0;
      while (i < la
          && j < lb
          && DigitStrings.isDigit(a.charAt(i))
          && DigitStrings.isDigit(b.charAt(j))) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (i < la && DigitStrings.isDigit(a.charAt(i))) {
        return 1;
      }
      if (j < lb && DigitStrings.isDigit(b.charAt(j))) {
        return -1;
      }
      if (firstDiff != 0) {
        return firstDiff;
      }
    }
    return 0;
  }

  /** epoch ("0" when absent), upstream, revision ("" when absent). */
  private record Parts(String epoch, String upstream, String revision) {
    static Parts of(String version) {
      String epoch = "0";
      String rest = version;
      int colon = version.indexOf(':');
      if (colon > 0 && DigitStrings.allDigits(version.substring(0, colon))) {
        epoch = version.substring(0, colon);
        rest = version.substring(colon + 1);
      }
      int hyphen = rest.lastIndexOf('-');
      return hyphen < 0
          ? new Parts(epoch, rest, "")
          : new Parts(epoch, rest.substring(0, hyphen), rest.substring(hyphen + 1));
    }
  }
}
