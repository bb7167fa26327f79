package io.blindspot.core.versions;

import io.blindspot.core.packages.PackageManager;

/**
 * apk-tools' version ordering ({@code apk version -t}, src/version.c of apk-tools 2.14/3): {@code
 * digit{.digit}...{letter}{_suffix{digits}}...{~hash}{-r#}}.
 *
 * <p>The string is read as a sequence of tokens, compared pairwise while both sides have the same
 * token type: the first number and numbers without a leading zero numerically, a number with a
 * leading zero on either side as a string ({@code 1.01 < 1.1}, as in Gentoo), the letter by ASCII,
 * suffixes by {@code _alpha < _beta < _pre < _rc < (none) < _cvs < _svn < _git < _hg < _p}, the
 * {@code ~hash} as a string, the revision numerically. When one side runs out of equal tokens
 * first, a pre-release suffix on the longer side makes it older; otherwise the side whose next
 * token comes later in the grammar (end of string being last) is older: {@code 1.2 > 1.2_rc1},
 * {@code 1.2-r1 > 1.2}, {@code 1.2.1 > 1.2a}.
 *
 * <p>Malformed input is ordered as apk does: tokens are compared up to the first invalid one, and
 * an invalid token sorts before every valid continuation. Two strings that become invalid at the
 * same point compare equal.
 */
public final class ApkVersion implements VersionComparator {

  public static final ApkVersion INSTANCE = new ApkVersion();

  private ApkVersion() {}

  // Token types in grammar order; the order matters for the end-of-comparison rule.
  private static final int INITIAL_DIGIT = 0;
  private static final int DIGIT = 1;
  private static final int LETTER = 2;
  private static final int SUFFIX = 3;
  private static final int SUFFIX_NO = 4;
  private static final int COMMIT_HASH = 5;
  private static final int REVISION_NO = 6;
  private static final int END = 7;
  private static final int INVALID = 8;

  // Suffix ranks; NONE is the pivot between pre- and post-release suffixes.
  private static final String[] SUFFIXES = {
    null, "alpha", "beta", "pre", "rc", null, "cvs", "svn", "git", "hg", "p"
  };
  private static final int SUFFIX_NONE = 5;

  @Override
  public PackageManager manager() {
    return PackageManager.APK;
  }

  @Override
  public int compare(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    Tokenizer ta = new Tokenizer(a);
    Tokenizer tb = new Tokenizer(b);
    ta.first();
    tb.first();
    while (ta.token == tb.token && ta.token < END) {
      int c = compareToken(ta, tb);
      if (c != 0) {
        return c;
      }
      ta.next();
      tb.next();
    }
    if (ta.token == tb.token) {
      return 0;
    }
    if (ta.token == SUFFIX && ta.suffix < SUFFIX_NONE) {
      return -1;
    }
    if (tb.token == SUFFIX && tb.suffix < SUFFIX_NONE) {
      return 1;
    }
    return ta.token > tb.token ? -1 : 1;
  }

  @Override
  public boolean isValid(String version) {
    Tokenizer t = new Tokenizer(version);
    for (t.first(); t.token < END; t.next()) {
      // walk to the end or the first invalid token
    }
    return t.token == END;
  }

  private static int compareToken(Tokenizer ta, Tokenizer tb) {
    String a = ta.text;
    String b = tb.text;
    return switch (ta.token) {
      case DIGIT -> {
        if (a.charAt(ta.valueStart) == '0' || b.charAt(tb.valueStart) == '0') {
          yield compareAsStrings(ta, tb);
        }
        yield Integer.signum(
            DigitStrings.compare(a, ta.valueStart, ta.valueEnd, b, tb.valueStart, tb.valueEnd));
      }
      case INITIAL_DIGIT, SUFFIX_NO, REVISION_NO ->
          Integer.signum(
              DigitStrings.compare(a, ta.valueStart, ta.valueEnd, b, tb.valueStart, tb.valueEnd));
      case LETTER -> Integer.signum(a.charAt(ta.valueStart) - b.charAt(tb.valueStart));
      case SUFFIX -> Integer.compare(ta.suffix, tb.suffix);
      default -> compareAsStrings(ta, tb);
    };
  }

  private static int compareAsStrings(Tokenizer ta, Tokenizer tb) {
    return Integer.signum(
        ta.text
            .substring(ta.valueStart, ta.valueEnd)
            .compareTo(tb.text.substring(tb.valueStart, tb.valueEnd)));
  }

  /** Walks the tokens of one version; {@code valueStart/valueEnd} delimit the current value. */
  private static final class Tokenizer {
    final String text;
    int pos;
    int token;
    int suffix;
    int valueStart;
    int valueEnd;

    Tokenizer(String text) {
      this.text = text;
    }

    void first() {
      token = INITIAL_DIGIT;
      digits();
    }

    void next() {
      if (pos >= text.length()) {
        token = END;
        return;
      }
      char c = text.charAt(pos);
      if (c >= 'a' && c <= 'z') {
        if (token > DIGIT) {
          token = INVALID;
          return;
        }
        valueStart = pos;
        valueEnd = ++pos;
        token = LETTER;
      } else if (c == '.' || DigitStrings.isDigit(c)) {
        if (c == '.') {
          if (token > DIGIT) {
            token = INVALID;
            return;
          }
          pos++;
        }
        switch (token) {
          case INITIAL_DIGIT, DIGIT -> token = DIGIT;
          case SUFFIX -> token = SUFFIX_NO;
          default -> {
            token = INVALID;
            return;
          }
        }
        digits();
      } else if (c == '_') {
        if (token > SUFFIX_NO) {
          token = INVALID;
          return;
        }
        valueStart = ++pos;
        while (pos < text.length() && text.charAt(pos) >= 'a' && text.charAt(pos) <= 'z') {
          pos++;
        }
        valueEnd = pos;
        suffix = suffixRank(text.substring(valueStart, valueEnd));
        token = suffix < 0 ? INVALID : SUFFIX;
      } else if (c == '~') {
        if (token >= COMMIT_HASH) {
          token = INVALID;
          return;
        }
        valueStart = ++pos;
        while (pos < text.length() && isLowerHex(text.charAt(pos))) {
          pos++;
        }
        valueEnd = pos;
        token = valueEnd == valueStart ? INVALID : COMMIT_HASH;
      } else if (c == '-') {
        if (token >= REVISION_NO || !text.startsWith("-r", pos)) {
          token = INVALID;
          return;
        }
        pos += 2;
        token = REVISION_NO;
        digits();
      } else {
        token = INVALID;
      }
    }

    private void digits() {
      valueStart = pos;
      while (pos < text.length() && DigitStrings.isDigit(text.charAt(pos))) {
        pos++;
      }
      valueEnd = pos;
      if (valueEnd == valueStart) {
        token = INVALID;
      }
    }

    private static boolean isLowerHex(char c) {
      return DigitStrings.isDigit(c) || (c >= 'a' && c <= 'f');
    }

    private static int suffixRank(String name) {
      for (int i = 0; i < SUFFIXES.length; i++) {
        if (name.equals(SUFFIXES[i])) {
          return i;
        }
      }
      return -1;
    }
  }
}
