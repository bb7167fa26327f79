package io.blindspot.core.backup.glob;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python's glob-to-regex translations as borg uses them: {@code fnmatch.translate} (Python 3.11,
 * borg's {@code fm:} style) and borg's {@code shellpattern.translate} ({@code sh:} style), emitted
 * as Java regular expressions matched against the whole string.
 */
public final class PyGlob {

  private PyGlob() {}

  /**
   * Python 3.11 {@code fnmatch.translate}: '*' matches anything including '/', '?' any one
   * character, {@code [!...]} negates, backslash is an ordinary character.
   */
  public static Pattern fnmatch(String pat) {
    StringBuilder res = new StringBuilder();
    int[] p = pat.codePoints().toArray();
    int n = p.length;
    int i = 0;
    boolean lastStar = false;
    while (i < n) {
      int c = p[i++];
      if (c == '*') {
        if (!lastStar) {
          res.append(".*");
        }
        lastStar = true;
        continue;
      }
      lastStar = false;
      if (c == '?') {
        res.append('.');
      } else if (c == '[') {
        int j = i;
        if (j < n && p[j] == '!') {
          j++;
        }
        if (j < n && p[j] == ']') {
          j++;
        }
        while (j < n && p[j] != ']') {
          j++;
        }
        if (j >= n) {
          res.append("\\[");
        } else {
          res.append(charClass(p, i, j, '!', true));
          i = j + 1;
        }
      } else {
        res.append(lit(c));
      }
    }
    return Pattern.compile("(?s)" + res + "\\z");
  }

  /**
   * borg 1.2's {@code shellpattern.translate}: "**&#47;" matches zero or more whole directories,
   * '*' and '?' never match '/', {@code [!...]} negates; bracket expressions may match '/'.
   */
  public static Pattern borgShell(String pat) {
    StringBuilder res = new StringBuilder();
    int[] p = pat.codePoints().toArray();
    int n = p.length;
    int i = 0;
    while (i < n) {
      int c = p[i++];
      if (c == '*') {
        if (i + 1 < n && p[i] == '*' && p[i + 1] == '/') {
          res.append("(?:[^/]*/)*");
          i += 2;
        } else {
          res.append("[^/]*");
        }
      } else if (c == '?') {
        res.append("[^/]");
      } else if (c == '[') {
        int j = i;
        if (j < n && p[j] == '!') {
          j++;
        }
        if (j < n && p[j] == ']') {
          j++;
        }
        while (j < n && p[j] != ']') {
          j++;
        }
        if (j >= n) {
          res.append("\\[");
        } else {
          res.append(charClass(p, i, j, '!', false));
          i = j + 1;
        }
      } else {
        res.append(lit(c));
      }
    }
    return Pattern.compile("(?ms)" + res + "\\z");
  }

  /**
   * Python {@code re} pattern (borg's {@code re:} style) as a Java pattern; the common syntax is
   * shared, named groups are rewritten.
   *
   * @throws PatternSyntaxException when Java cannot compile it
   */
  public static Pattern pythonRegex(String re) {
    String j = re.replace("(?P<", "(?<").replace("\\Z", "\\z");
    return Pattern.compile(j);
  }

  /**
   * The class for bracket content p[from, to): chars and ranges, negated by a leading {@code neg}
   * char. Reversed ranges match nothing when {@code lenient} (Python 3.11 fnmatch drops them), else
   * they are an error as in Python's re.
   */
  private static String charClass(int[] p, int from, int to, int neg, boolean lenient) {
    boolean negate = false;
    int i = from;
    if (i < to && p[i] == neg) {
      negate = true;
      i++;
    }
    StringBuilder items = new StringBuilder();
    while (i < to) {
      int lo = p[i];
      // a backslash or '^' inside brackets is literal in both translators
      if (i + 2 < to && p[i + 1] == '-') {
        int hi = p[i + 2];
        i += 3;
        if (lo > hi) {
          if (!lenient) {
            throw new PatternSyntaxException(
                "bad character range", new String(p, from, to - from), i);
          }
          continue;
        }
        items.append(lit(lo)).append('-').append(lit(hi));
      } else {
        items.append(lit(lo));
        i++;
      }
    }
    if (items.length() == 0) {
      return negate ? "." : "(?!)";
    }
    return "[" + (negate ? "^" : "") + items + "]";
  }

  private static String lit(int c) {
    return "\\x{" + Integer.toHexString(c) + "}";
  }
}
