package io.blindspot.core.backup.glob;

/**
 * Shell-style wildcard matching in the dialects the backup tools use, on Unicode code points (as
 * GNU fnmatch does in a UTF-8 locale, Go's filepath.Match and Python's fnmatch do).
 */
public final class Glob {

  /** GNU fnmatch flag: backslash is an ordinary character. */
  public static final int FNM_NOESCAPE = 1;

  /** GNU fnmatch flag: wildcards and bracket expressions never match '/'. */
  public static final int FNM_PATHNAME = 2;

  /** GNU fnmatch flag: a leading '.' (or one after '/' with FNM_PATHNAME) must match literally. */
  public static final int FNM_PERIOD = 4;

  /** GNU fnmatch flag: the pattern may match a leading part of the string up to a '/'. */
  public static final int FNM_LEADING_DIR = 8;

  /** GNU fnmatch flag: case-insensitive. */
  public static final int FNM_CASEFOLD = 16;

  private Glob() {}

  /** Whether {@code s} contains a character that is special to fnmatch ('*', '?', '[', '\\'). */
  public static boolean hasWildcards(String s, boolean escapes) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || (escapes && c == '\\')) {
        return true;
      }
    }
    return false;
  }

  /** GNU fnmatch(3) with the given FNM_* flags; true when the string matches. */
  public static boolean fnmatch(String pattern, String string, int flags) {
    int[] p = pattern.codePoints().toArray();
    int[] s = string.codePoints().toArray();
    if ((flags & FNM_CASEFOLD) != 0) {
      p = fold(p);
      s = fold(s);
    }
    return fnm(p, 0, s, 0, flags);
  }

  /**
   * fnmatch on code point arrays (case-folded beforehand with {@link #fold} for FNM_CASEFOLD),
   * matching the string from index {@code from}: no allocation per call.
   */
  public static boolean fnmatch(int[] pattern, int[] string, int from, int flags) {
    return fnm(pattern, 0, string, from, flags);
  }

  /** Lower-cases code points (for FNM_CASEFOLD with the array form). */
  public static int[] fold(int[] a) {
    int[] r = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = Character.toLowerCase(a[i]);
    }
    return r;
  }

  private static boolean fnm(int[] p, int pi, int[] s, int si, int flags) {
    boolean pathname = (flags & FNM_PATHNAME) != 0;
    boolean escapes = (flags & FNM_NOESCAPE) == 0;
    boolean period = (flags & FNM_PERIOD) != 0;
    while (pi < p.length) {
      int c = p[pi++];
      switch (c) {
        case '?' -> {
          if (si >= s.length) {
            return false;
          }
          if (pathname && s[si] == '/') {
            return false;
          }
          if (period && s[si] == '.' && (si == 0 || (pathname && s[si - 1] == '/'))) {
            return false;
          }
          si++;
        }
        case '*' -> {
          if (period
              && si < s.length
              && s[si] == '.'
              && (si == 0 || (pathname && s[si - 1] == '/'))) {
            return false;
          }
          while (pi < p.length && p[pi] == '*') {
            pi++;
          }
          if (pi == p.length) {
            if (!pathname) {
              return true;
            }
            for (int k = si; k < s.length; k++) {
              if (s[k] == '/') {
                return (flags & FNM_LEADING_DIR) != 0;
              }
            }
            return true;
          }
          for (int k = si; k <= s.length; k++) {
            if (fnm(p, pi, s, k, flags & ~FNM_PERIOD)) {
              return true;
            }
            if (k < s.length && pathname && s[k] == '/') {
              return false;
            }
          }
          return false;
        }
        case '[' -> {
          if (si >= s.length) {
            return false;
          }
          int end = bracketEnd(p, pi, escapes);
          if (end < 0) {
            // no closing bracket: '[' is literal
            if (s[si] != '[') {
              return false;
            }
            si++;
            break;
          }
          int ch = s[si];
          if (pathname && ch == '/') {
            return false;
          }
          if (period && ch == '.' && (si == 0 || (pathname && s[si - 1] == '/'))) {
            return false;
          }
          if (!bracketMatches(p, pi, end, ch, escapes, (flags & FNM_CASEFOLD) != 0)) {
            return false;
          }
          pi = end + 1;
          si++;
        }
        default -> {
          if (c == '\\' && escapes && pi < p.length) {
            c = p[pi++];
          }
          if (si >= s.length || s[si] != c) {
            return false;
          }
          si++;
        }
      }
    }
    if (si == s.length) {
      return true;
    }
    return (flags & FNM_LEADING_DIR) != 0 && s[si] == '/';
  }

  /** Index of the ']' closing the bracket expression whose content starts at {@code i}, or -1. */
  private static int bracketEnd(int[] p, int i, boolean escapes) {
    int j = i;
    if (j < p.length && (p[j] == '!' || p[j] == '^')) {
      j++;
    }
    if (j < p.length && p[j] == ']') {
      j++;
    }
    while (j < p.length && p[j] != ']') {
      if (p[j] == '[' && j + 1 < p.length && p[j + 1] == ':') {
        int k = j + 2;
        while (k + 1 < p.length && !(p[k] == ':' && p[k + 1] == ']')) {
          k++;
        }
        if (k + 1 < p.length) {
          j = k + 2;
          continue;
        }
      }
      if (escapes && p[j] == '\\' && j + 1 < p.length) {
        j++;
      }
      j++;
    }
    return j < p.length ? j : -1;
  }

  private static boolean bracketMatches(
      int[] p, int i, int end, int ch, boolean escapes, boolean fold) {
    boolean negate = false;
    if (p[i] == '!' || p[i] == '^') {
      negate = true;
      i++;
    }
    boolean matched = false;
    boolean first = true;
    while (i < end || (first && i == end)) {
      int lo = p[i];
      if (lo == '[' && i + 1 < end && p[i + 1] == ':') {
        int k = i + 2;
        while (k + 1 < end + 1 && !(p[k] == ':' && p[k + 1] == ']')) {
          k++;
        }
        String cls = new String(p, i + 2, k - (i + 2));
        if (classMatches(cls, ch)) {
          matched = true;
        }
        i = k + 2;
        first = false;
        continue;
      }
      if (escapes && lo == '\\' && i + 1 < end) {
        lo = p[++i];
      }
      i++;
      int hi = lo;
      if (i + 1 < end && p[i] == '-') {
        hi = p[i + 1];
        i += 2;
        if (escapes && hi == '\\' && i < end) {
          hi = p[i++];
        }
      }
      if (fold) {
        lo = Character.toLowerCase(lo);
        hi = Character.toLowerCase(hi);
      }
      if (lo <= ch && ch <= hi) {
        matched = true;
      }
      first = false;
    }
    return matched != negate;
  }

  private static boolean classMatches(String cls, int ch) {
    return switch (cls) {
      case "alpha" -> Character.isLetter(ch);
      case "digit" -> ch >= '0' && ch <= '9';
      case "alnum" -> Character.isLetterOrDigit(ch);
      case "upper" -> Character.isUpperCase(ch);
      case "lower" -> Character.isLowerCase(ch);
      case "space" -> Character.isWhitespace(ch);
      case "blank" -> ch == ' ' || ch == '\t';
      case "punct" -> ch < 128 && ch > 32 && !Character.isLetterOrDigit(ch) && ch != 127;
      case "print" -> ch >= 32 && ch != 127;
      case "graph" -> ch > 32 && ch != 127;
      case "cntrl" -> ch < 32 || ch == 127;
      case "xdigit" -> Character.digit(ch, 16) >= 0 && ch < 128;
      default -> false;
    };
  }

  /**
   * Go's {@code path/filepath.Match} on one path component (no '/'): '*' and '?' never match '/',
   * {@code [^...]} negates, backslash escapes. A malformed pattern (ErrBadPattern) never matches;
   * {@link #goBadPattern} tells whether it is malformed.
   */
  public static boolean goMatch(String pattern, String name) {
    try {
      return goMatch0(pattern.codePoints().toArray(), 0, name.codePoints().toArray(), 0);
    } catch (IllegalArgumentException bad) {
      return false;
    }
  }

  /** Go's filepath.Match on code point arrays; a malformed pattern never matches. */
  public static boolean goMatch(int[] pattern, int[] name) {
    try {
      return goMatch0(pattern, 0, name, 0);
    } catch (IllegalArgumentException bad) {
      return false;
    }
  }

  /** Whether Go's filepath.Match would report ErrBadPattern for this pattern. */
  public static boolean goBadPattern(String pattern) {
    try {
      goMatch0(pattern.codePoints().toArray(), 0, new int[0], 0);
      int[] p = pattern.codePoints().toArray();
      // walk the whole pattern to validate every bracket and escape
      for (int i = 0; i < p.length; i++) {
        if (p[i] == '\\') {
          if (i + 1 >= p.length) {
            return true;
          }
          i++;
        } else if (p[i] == '[') {
          i = goClassEnd(p, i + 1);
        }
      }
      return false;
    } catch (IllegalArgumentException bad) {
      return true;
    }
  }

  private static int goClassEnd(int[] p, int i) {
    if (i < p.length && p[i] == '^') {
      i++;
    }
    int n = 0;
    while (true) {
      if (i < p.length && p[i] == ']' && n > 0) {
        return i;
      }
      i = goEsc(p, i)[1];
      if (i < p.length && p[i] == '-') {
        i = goEsc(p, i + 1)[1];
      }
      n++;
    }
  }

  /** Returns {rune, nextIndex}; throws for ErrBadPattern. */
  private static int[] goEsc(int[] p, int i) {
    if (i >= p.length || p[i] == '-' || p[i] == ']') {
      throw new IllegalArgumentException("bad pattern");
    }
    if (p[i] == '\\') {
      i++;
      if (i >= p.length) {
        throw new IllegalArgumentException("bad pattern");
      }
    }
    return new int[] {p[i], i + 1};
  }

  private static boolean goMatch0(int[] p, int pi, int[] s, int si) {
    while (pi < p.length) {
      int c = p[pi];
      switch (c) {
        case '*' -> {
          while (pi < p.length && p[pi] == '*') {
            pi++;
          }
          if (pi == p.length) {
            for (int k = si; k < s.length; k++) {
              if (s[k] == '/') {
                return false;
              }
            }
            return true;
          }
          for (int k = si; k <= s.length; k++) {
            if (goMatch0(p, pi, s, k)) {
              return true;
            }
            if (k < s.length && s[k] == '/') {
              return false;
            }
          }
          return false;
        }
        case '?' -> {
          if (si >= s.length || s[si] == '/') {
            return false;
          }
          pi++;
          si++;
        }
        case '[' -> {
          pi++;
          boolean negated = false;
          if (pi < p.length && p[pi] == '^') {
            negated = true;
            pi++;
          }
          boolean match = false;
          int n = 0;
          int ch = si < s.length ? s[si] : -1;
          while (true) {
            if (pi < p.length && p[pi] == ']' && n > 0) {
              pi++;
              break;
            }
            int[] lo = goEsc(p, pi);
            pi = lo[1];
            int hi = lo[0];
            if (pi < p.length && p[pi] == '-') {
              int[] h = goEsc(p, pi + 1);
              pi = h[1];
              hi = h[0];
            } else if (pi >= p.length) {
              throw new IllegalArgumentException("bad pattern");
            }
            if (lo[0] <= ch && ch <= hi) {
              match = true;
            }
            n++;
          }
          if (ch < 0 || ch == '/' || match == negated) {
            return false;
          }
          si++;
        }
        case '\\' -> {
          pi++;
          if (pi >= p.length) {
            throw new IllegalArgumentException("bad pattern");
          }
          if (si >= s.length || s[si] != p[pi]) {
            return false;
          }
          pi++;
          si++;
        }
        default -> {
          if (si >= s.length || s[si] != c) {
            return false;
          }
          pi++;
          si++;
        }
      }
    }
    return si == s.length;
  }
}
