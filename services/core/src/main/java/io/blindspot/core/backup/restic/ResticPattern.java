package io.blindspot.core.backup.restic;

import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.backup.glob.Glob;
import io.blindspot.core.backup.glob.PathNames;
import java.util.ArrayList;
import java.util.List;

/**
 * A restic 0.14 exclude pattern (internal/filter): cleaned like a path, split at '/', each part
 * matched with Go's filepath.Match, "**" standing for any number of parts. A relative pattern
 * matches any run of consecutive components of the path (not only its end); an absolute one the
 * components from the root. A leading '!' negates.
 */
final class ResticPattern {
  final String original;
  final boolean negated;
  final List<String> parts; // "/" first for absolute patterns; "**" kept as is
  final RuleRef ref;

  ResticPattern(String original, RuleRef ref, boolean lowerCase) {
    this.original = original;
    this.ref = ref;
    String p = original;
    boolean neg = false;
    if (p.startsWith("!")) {
      neg = true;
      p = p.substring(1);
    }
    if (lowerCase) {
      p = p.toLowerCase(java.util.Locale.ROOT);
    }
    this.negated = neg;
    this.parts = split(PathNames.clean(p));
  }

  static List<String> split(String cleaned) {
    List<String> out = new ArrayList<>();
    String[] a = cleaned.split("/", -1);
    for (int i = 0; i < a.length; i++) {
      out.add(i == 0 && a[i].isEmpty() ? "/" : a[i]);
    }
    return out;
  }

  /** Whether a part would make Go's filepath.Match report ErrBadPattern. */
  boolean isBad() {
    for (String part : parts) {
      if (!part.equals("/") && !part.equals("**") && Glob.goBadPattern(part)) {
        return true;
      }
    }
    return false;
  }

  private int[][] compiled;

  private int[][] compiled() {
    int[][] c = compiled;
    if (c == null) {
      c = new int[parts.size()][];
      for (int i = 0; i < c.length; i++) {
        c[i] = parts.get(i).codePoints().toArray();
      }
      compiled = c;
    }
    return c;
  }

  /**
   * restic's filter.match: "**" expands to any number of "*" parts, then the (expanded) parts must
   * match a window of consecutive components; an absolute pattern's window starts at the root, a
   * relative one's anywhere after it.
   *
   * @param strs the path's components, "/" first, as code points
   */
  boolean matches(int[][] strs) {
    int[][] c = compiled();
    if (c.length == 0) {
      return strs.length == 0;
    }
    if (parts.get(0).equals("/")) {
      return strs.length > 0 && strs[0].length == 1 && strs[0][0] == '/' && window(c, 1, strs, 1);
    }
    int min = strs.length > 0 && strs[0].length == 1 && strs[0][0] == '/' ? 1 : 0;
    for (int o = min; o < strs.length; o++) {
      if (window(c, 0, strs, o)) {
        return true;
      }
    }
    return false;
  }

  private boolean window(int[][] c, int pi, int[][] strs, int si) {
    if (pi == c.length) {
      return true;
    }
    if (parts.get(pi).equals("**")) {
      for (int k = si; k <= strs.length; k++) {
        if (window(c, pi + 1, strs, k)) {
          return true;
        }
      }
      return false;
    }
    if (si >= strs.length) {
      return false;
    }
    String part = parts.get(pi);
    boolean ok = part.equals("/") ? false : Glob.goMatch(c[pi], strs[si]);
    return ok && window(c, pi + 1, strs, si + 1);
  }

  /** A path's components for {@link #matches}: "/" first, then each name, as code points. */
  static int[][] components(String bare) {
    List<String> s = split(bare);
    int[][] out = new int[s.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.get(i).codePoints().toArray();
    }
    return out;
  }
}
