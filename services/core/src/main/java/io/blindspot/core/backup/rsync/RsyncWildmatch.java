package io.blindspot.core.backup.rsync;

/**
 * rsync's wildcard matching ("PATTERN MATCHING RULES" of rsync(1)), on the bytes of the UTF-8
 * names, like rsync: {@code ?} matches one byte that is not '/', {@code *} any run of non-'/'
 * bytes, {@code **} (or more stars) any run of bytes including '/', {@code [...]} one non-'/' byte
 * from a class ({@code !} or {@code ^} negates, ranges, {@code [:alpha:]}-style classes, backslash
 * escapes), backslash escapes the next character. A malformed class makes the whole match fail, as
 * in rsync.
 *
 * <p>The pattern is compiled once into tokens; matching backtracks over star positions with the
 * same pruning rsync uses (a single star that hits a '/' gives up to the nearest enclosing double
 * star; a star that runs off the end of the text fails the whole match).
 */
final class RsyncWildmatch {

  private static final int LIT = 0;
  private static final int ANY = 1; // ?
  private static final int STAR = 2; // *
  private static final int DSTAR = 3; // ** (or more)
  private static final int CLASS = 4;
  private static final int FAIL = 5; // malformed: the match fails when reached

  private static final int FALSE = 0;
  private static final int TRUE = 1;
  private static final int ABORT_ALL = -1;
  private static final int ABORT_TO_DSTAR = -2;

  private final int[] kind;
  private final byte[] lit;
  private final long[][] classes; // 4 longs = 256 bits, already negated when needed

  private RsyncWildmatch(int[] kind, byte[] lit, long[][] classes) {
    this.kind = kind;
    this.lit = lit;
    this.classes = classes;
  }

  static RsyncWildmatch compile(byte[] p) {
    int n = p.length;
    int[] kind = new int[n + 1];
    byte[] lit = new byte[n + 1];
    long[][] classes = new long[n + 1][];
    int t = 0;
    int i = 0;
    while (i < n) {
      int c = p[i] & 0xff;
      switch (c) {
        case '\\' -> {
          if (i + 1 >= n) {
            kind[t++] = FAIL; // a trailing backslash never matches
            i = n;
          } else {
            kind[t] = LIT;
            lit[t++] = p[i + 1];
            i += 2;
          }
        }
        case '?' -> {
          kind[t++] = ANY;
          i++;
        }
        case '*' -> {
          int j = i;
          while (j < n && p[j] == '*') {
            j++;
          }
          kind[t++] = j - i >= 2 ? DSTAR : STAR;
          i = j;
        }
        case '[' -> {
          int[] end = new int[1];
          long[] bits = parseClass(p, i + 1, end);
          if (bits == null) {
            kind[t++] = FAIL;
            i = n;
          } else {
            kind[t] = CLASS;
            classes[t++] = bits;
            i = end[0];
          }
        }
        default -> {
          kind[t] = LIT;
          lit[t++] = (byte) c;
          i++;
        }
      }
    }
    int[] k2 = new int[t];
    byte[] l2 = new byte[t];
    long[][] c2 = new long[t][];
    System.arraycopy(kind, 0, k2, 0, t);
    System.arraycopy(lit, 0, l2, 0, t);
    System.arraycopy(classes, 0, c2, 0, t);
    return new RsyncWildmatch(k2, l2, c2);
  }

  /** Parses a class body starting after '['; returns the byte set or null when malformed. */
  private static long[] parseClass(byte[] p, int i, int[] end) {
    int n = p.length;
    long[] bits = new long[4];
    if (i >= n) {
      return null;
    }
    boolean negate = false;
    if (p[i] == '!' || p[i] == '^') {
      negate = true;
      i++;
    }
    int prev = 0;
    boolean first = true;
    while (true) {
      if (i >= n) {
        return null;
      }
      int c = p[i] & 0xff;
      if (c == ']' && !first) {
        break;
      }
      first = false;
      if (c == '\\') {
        i++;
        if (i >= n) {
          return null;
        }
        c = p[i] & 0xff;
        set(bits, c);
        prev = c;
        i++;
      } else if (c == '-' && prev != 0 && i + 1 < n && p[i + 1] != ']') {
        i++;
        int hi = p[i] & 0xff;
        if (hi == '\\') {
          i++;
          if (i >= n) {
            return null;
          }
          hi = p[i] & 0xff;
        }
        for (int x = prev; x <= hi; x++) {
          set(bits, x);
        }
        prev = 0;
        i++;
      } else if (c == '[' && i + 1 < n && p[i + 1] == ':') {
        int s = i + 2;
        int j = s;
        while (j < n && p[j] != ']') {
          j++;
        }
        if (j >= n) {
          return null;
        }
        int len = j - s - 1;
        if (len < 0 || p[j - 1] != ':') {
          // not a [:class:]: a literal '['
          set(bits, '[');
          prev = '[';
          i++;
          continue;
        }
        String name = new String(p, s, len, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!namedClass(bits, name)) {
          return null;
        }
        prev = 0;
        i = j + 1;
      } else {
        set(bits, c);
        prev = c;
        i++;
      }
    }
    end[0] = i + 1;
    if (negate) {
      for (int k = 0; k < 4; k++) {
        bits[k] = ~bits[k];
      }
    }
    // A class never matches '/'.
    bits['/' >> 6] &= ~(1L << ('/' & 63));
    return bits;
  }

  private static boolean namedClass(long[] bits, String name) {
    if (!isNamedClass(name)) {
      return false;
    }
    for (int c = 1; c < 128; c++) {
      boolean m =
          switch (name) {
            case "alnum" -> Character.isLetterOrDigit(c);
            case "alpha" -> Character.isLetter(c);
            case "blank" -> c == ' ' || c == '\t';
            case "cntrl" -> c < 32 || c == 127;
            case "digit" -> c >= '0' && c <= '9';
            case "graph" -> c > 32 && c < 127;
            case "lower" -> c >= 'a' && c <= 'z';
            case "print" -> c >= 32 && c < 127;
            case "punct" -> c > 32 && c < 127 && !Character.isLetterOrDigit(c);
            case "space" -> c == ' ' || (c >= 9 && c <= 13);
            case "upper" -> c >= 'A' && c <= 'Z';
            case "xdigit" -> Character.digit(c, 16) >= 0;
            default -> false;
          };
      if (m) {
        set(bits, c);
      }
    }
    return true;
  }

  static boolean isNamedClass(String name) {
    return switch (name) {
      case "alnum",
          "alpha",
          "blank",
          "cntrl",
          "digit",
          "graph",
          "lower",
          "print",
          "punct",
          "space",
          "upper",
          "xdigit" ->
          true;
      default -> false;
    };
  }

  private static void set(long[] bits, int c) {
    bits[c >> 6] |= 1L << (c & 63);
  }

  private static boolean has(long[] bits, int c) {
    return (bits[c >> 6] & (1L << (c & 63))) != 0;
  }

  /**
   * The longest run of literal bytes every match must contain (decoded as UTF-8), or null. Used as
   * a cheap necessary condition before the backtracking match.
   */
  String longestLiteral() {
    int best = 0;
    int bestStart = 0;
    int i = 0;
    while (i < kind.length) {
      if (kind[i] != LIT) {
        i++;
        continue;
      }
      int j = i;
      while (j < kind.length && kind[j] == LIT) {
        j++;
      }
      if (j - i > best) {
        best = j - i;
        bestStart = i;
      }
      i = j;
    }
    if (best < 2) {
      return null;
    }
    String s = new String(lit, bestStart, best, java.nio.charset.StandardCharsets.UTF_8);
    // a run cut inside a multi-byte character would not round-trip: no shortcut then
    return java.util.Arrays.equals(
            s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            java.util.Arrays.copyOfRange(lit, bestStart, bestStart + best))
        ? s
        : null;
  }

  /** Whole-text match from {@code from}. */
  boolean matches(byte[] text, int from) {
    return match(0, text, from, text.length) == TRUE;
  }

  /**
   * rsync's three ways of applying a pattern: {@code where == 0} the whole text; {@code where > 0}
   * only the trailing {@code where} slash-separated elements; {@code where < 0} the whole text or
   * any part of it that starts after a '/'.
   */
  boolean matchArray(byte[] text, int where) {
    return matchArray(text, 0, text.length, where);
  }

  /**
   * {@link #matchArray(byte[], int)} on the part of {@code text} from {@code from} to {@code to}.
   */
  boolean matchArray(byte[] text, int from, int to, int where) {
    int start = from;
    if (where > 0) {
      start = trailingElements(text, from, to, where);
      if (start < 0) {
        return false;
      }
    }
    int m = match(0, text, start, to);
    if (m != TRUE && where < 0 && m != ABORT_ALL) {
      for (int i = start; i < to; i++) {
        if (text[i] == '/') {
          m = match(0, text, i + 1, to);
          if (m != FALSE && m != ABORT_TO_DSTAR) {
            break;
          }
        }
      }
    }
    return m == TRUE;
  }

  /** Start of the last {@code count} '/'-separated elements, or -1 when there are fewer. */
  static int trailingElements(byte[] text, int count) {
    return trailingElements(text, 0, text.length, count);
  }

  /** {@link #trailingElements(byte[], int)} within the part of {@code text} [from, to). */
  static int trailingElements(byte[] text, int from, int to, int count) {
    for (int i = to - 1; i >= from; i--) {
      if (text[i] == '/' && --count == 0) {
        return i + 1;
      }
    }
    return count == 1 ? from : -1;
  }

  private int match(int pi, byte[] text, int ti, int tl) {
    int n = kind.length;
    for (; pi < n; pi++, ti++) {
      int k = kind[pi];
      if (ti >= tl && k != STAR && k != DSTAR) {
        return ABORT_ALL;
      }
      switch (k) {
        case LIT -> {
          if (text[ti] != lit[pi]) {
            return FALSE;
          }
        }
        case ANY -> {
          if (text[ti] == '/') {
            return FALSE;
          }
        }
        case CLASS -> {
          if (!has(classes[pi], text[ti] & 0xff)) {
            return FALSE;
          }
        }
        case FAIL -> {
          return ABORT_ALL;
        }
        default -> {
          boolean dstar = k == DSTAR;
          if (pi + 1 == n) {
            if (!dstar) {
              for (int j = ti; j < tl; j++) {
                if (text[j] == '/') {
                  return FALSE;
                }
              }
            }
            return TRUE;
          }
          for (int j = ti; j < tl; j++) {
            int m = match(pi + 1, text, j, tl);
            if (m != FALSE) {
              if (!dstar || m != ABORT_TO_DSTAR) {
                return m;
              }
            } else if (!dstar && text[j] == '/') {
              return ABORT_TO_DSTAR;
            }
          }
          return ABORT_ALL;
        }
      }
    }
    return ti == tl ? TRUE : FALSE;
  }
}
