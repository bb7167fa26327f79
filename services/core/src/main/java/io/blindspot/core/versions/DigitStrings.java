package io.blindspot.core.versions;

/**
 * Compares runs of ASCII digits as unbounded non-negative integers, so that a 30-digit snapshot
 * date in a version cannot overflow anything.
 */
final class DigitStrings {

  private DigitStrings() {}

  /** Compares {@code a[aFrom, aTo)} with {@code b[bFrom, bTo)}, both all digits, numerically. */
  static int compare(String a, int aFrom, int aTo, String b, int bFrom, int bTo) {
    while (aFrom < aTo && a.charAt(aFrom) == '0') {
      aFrom++;
    }
    while (bFrom < bTo && b.charAt(bFrom) == '0') {
      bFrom++;
    }
    int lengths = Integer.compare(aTo - aFrom, bTo - bFrom);
    if (lengths != 0) {
      return lengths;
    }
    for (; aFrom < aTo; aFrom++, bFrom++) {
      int c = Character.compare(a.charAt(aFrom), b.charAt(bFrom));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  static int compare(String a, String b) {
    return compare(a, 0, a.length(), b, 0, b.length());
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean allDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
