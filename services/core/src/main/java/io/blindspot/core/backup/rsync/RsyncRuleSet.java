package io.blindspot.core.backup.rsync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A flattened filter list (what rsync's check_filter walks for one directory) with indexes that
 * find the first matching rule without trying every rule: literal names and "*suffix" patterns are
 * looked up in hash maps, anchored and multi-element literal paths too; only the remaining wildcard
 * rules are tried in order, and only those before the best indexed hit.
 */
final class RsyncRuleSet {

  final RsyncRule[] rules;
  private final RegionMap baseLiteral;
  private final int[] suffixLengths;

  /** Per suffix length: the characters a suffix of that length can start with. */
  private final java.util.BitSet[] suffixFirst;

  private final RegionMap[] suffixMaps;
  private final RegionMap relLiteral;
  private final RegionMap absLiteral;

  /** Whether every anchored literal rule is directory-only (then files skip those maps). */
  private final boolean anchoredDirOnly;

  private final int[] tailCounts;
  private final RegionMap[] tailMaps;
  private final int[] generic;

  /** Wildcard rules indexed by the literal tail their match must end with. */
  private final int[] wildTailLengths;

  private final RegionMap[] wildTailMaps;
  private final java.util.BitSet[] wildTailFirst;

  /** Wildcard rules indexed by the literal head the name must start with. */
  private final int[] wildHeadLengths;

  private final RegionMap[] wildHeadMaps;

  RsyncRuleSet(List<RsyncRule> list) {
    this.rules = list.toArray(new RsyncRule[0]);
    Map<String, List<Integer>> base = new HashMap<>();
    TreeMap<Integer, Map<String, List<Integer>>> suffix = new TreeMap<>();
    Map<String, List<Integer>> rel = new HashMap<>();
    Map<String, List<Integer>> abs = new HashMap<>();
    TreeMap<Integer, Map<String, List<Integer>>> tail = new TreeMap<>();
    List<Integer> gen = new ArrayList<>();
    TreeMap<Integer, Map<String, List<Integer>>> wildTail = new TreeMap<>();
    TreeMap<Integer, Map<String, List<Integer>>> wildHead = new TreeMap<>();
    for (int i = 0; i < rules.length; i++) {
      RsyncRule r = rules[i];
      String body = r.body();
      boolean wild = r.has(RsyncRule.WILD);
      boolean plain =
          !r.has(RsyncRule.NEGATE)
              && !r.has(RsyncRule.XATTR)
              && !body.contains("//")
              && !body.endsWith("/")
              && !body.isEmpty();
      if (!plain) {
        gen.add(i);
      } else if (!wild && r.slashCount == 0 && !r.anchored()) {
        base.computeIfAbsent(body, k -> new ArrayList<>()).add(i);
      } else if (wild
          && r.slashCount == 0
          && !r.has(RsyncRule.WILD2)
          && body.length() > 1
          && body.charAt(0) == '*'
          && noSpecial(body.substring(1))) {
        String suf = body.substring(1);
        suffix
            .computeIfAbsent(suf.length(), k -> new HashMap<>())
            .computeIfAbsent(suf, k -> new ArrayList<>())
            .add(i);
      } else if (!wild && r.anchored() && !r.has(RsyncRule.ABS_PATH)) {
        rel.computeIfAbsent(body, k -> new ArrayList<>()).add(i);
      } else if (!wild && r.anchored()) {
        abs.computeIfAbsent(body, k -> new ArrayList<>()).add(i);
      } else if (!wild && !r.anchored() && !r.has(RsyncRule.ABS_PATH) && r.slashCount > 0) {
        tail.computeIfAbsent(r.slashCount + 1, k -> new HashMap<>())
            .computeIfAbsent(body, k -> new ArrayList<>())
            .add(i);
      } else if (r.indexableHead() != null) {
        String hd = r.indexableHead();
        wildHead
            .computeIfAbsent(hd.length(), k -> new HashMap<>())
            .computeIfAbsent(hd, k -> new ArrayList<>())
            .add(i);
      } else if (r.indexableTail() != null) {
        String tl = r.indexableTail();
        wildTail
            .computeIfAbsent(tl.length(), k -> new HashMap<>())
            .computeIfAbsent(tl, k -> new ArrayList<>())
            .add(i);
      } else {
        gen.add(i);
      }
    }
    this.wildTailLengths = wildTail.keySet().stream().mapToInt(Integer::intValue).toArray();
    this.wildTailMaps = new RegionMap[wildTailLengths.length];
    this.wildTailFirst = new java.util.BitSet[wildTailLengths.length];
    int w0 = 0;
    for (Map<String, List<Integer>> m : wildTail.values()) {
      wildTailMaps[w0] = freeze(m);
      java.util.BitSet bs = new java.util.BitSet();
      for (String t : m.keySet()) {
        bs.set(t.charAt(0));
      }
      wildTailFirst[w0++] = bs;
    }
    this.wildHeadLengths = wildHead.keySet().stream().mapToInt(Integer::intValue).toArray();
    this.wildHeadMaps =
        wildHead.values().stream().map(RsyncRuleSet::freeze).toArray(RegionMap[]::new);
    this.baseLiteral = freeze(base);
    this.suffixLengths = suffix.keySet().stream().mapToInt(Integer::intValue).toArray();
    this.suffixMaps = suffix.values().stream().map(RsyncRuleSet::freeze).toArray(RegionMap[]::new);
    this.suffixFirst = new java.util.BitSet[suffixLengths.length];
    int k0 = 0;
    for (Map<String, List<Integer>> m : suffix.values()) {
      java.util.BitSet bs = new java.util.BitSet();
      for (String suf : m.keySet()) {
        bs.set(suf.charAt(0));
      }
      suffixFirst[k0++] = bs;
    }
    boolean dirOnly = true;
    for (List<Integer> l : rel.values()) {
      for (int i : l) {
        dirOnly &= rules[i].has(RsyncRule.DIRECTORY);
      }
    }
    for (List<Integer> l : abs.values()) {
      for (int i : l) {
        dirOnly &= rules[i].has(RsyncRule.DIRECTORY);
      }
    }
    this.anchoredDirOnly = dirOnly;
    this.relLiteral = freeze(rel);
    this.absLiteral = freeze(abs);
    this.tailCounts = tail.keySet().stream().mapToInt(Integer::intValue).toArray();
    this.tailMaps = tail.values().stream().map(RsyncRuleSet::freeze).toArray(RegionMap[]::new);
    this.generic = gen.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean noSpecial(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '\\' || c == '/') {
        return false;
      }
    }
    return true;
  }

  private static RegionMap freeze(Map<String, List<Integer>> m) {
    return new RegionMap(m);
  }

  /**
   * An immutable open-addressing map from strings to rule indexes, looked up by a region of a
   * string (from an index to its end) so that no substring has to be built.
   */
  static final class RegionMap {
    private final String[] keys;
    private final int[][] values;
    private final int mask;
    private final int size;

    RegionMap(Map<String, List<Integer>> m) {
      int cap = 4;
      while (cap < m.size() * 2 + 2) {
        cap <<= 1;
      }
      keys = new String[cap];
      values = new int[cap][];
      mask = cap - 1;
      size = m.size();
      m.forEach(
          (k, v) -> {
            int i = mix(k.hashCode()) & mask;
            while (keys[i] != null) {
              i = (i + 1) & mask;
            }
            keys[i] = k;
            values[i] = v.stream().mapToInt(Integer::intValue).toArray();
          });
    }

    private static int mix(int h) {
      return h ^ (h >>> 16);
    }

    boolean isEmpty() {
      return size == 0;
    }

    /** The value of s[from, to), or null. */
    int[] get(String s, int from, int to) {
      int h = 0;
      for (int i = from; i < to; i++) {
        h = 31 * h + s.charAt(i);
      }
      int len = to - from;
      int i = mix(h) & mask;
      String k;
      while ((k = keys[i]) != null) {
        if (k.length() == len && k.regionMatches(0, s, from, len)) {
          return values[i];
        }
        i = (i + 1) & mask;
      }
      return null;
    }

    /** The value of s[from, end), or null. */
    int[] get(String s, int from) {
      return get(s, from, s.length());
    }
  }

  private int firstOf(int[] cands, boolean dir, int best) {
    if (cands == null) {
      return best;
    }
    for (int c : cands) {
      if (c >= best) {
        return best;
      }
      if (dir || !rules[c].has(RsyncRule.DIRECTORY)) {
        return c;
      }
    }
    return best;
  }

  /** The index of the first rule that matches, or -1. */
  int firstMatch(Name n) {
    return firstMatch(n, new int[][] {new int[8]});
  }

  /**
   * The index of the first rule that matches, or -1.
   *
   * @param scratch a one-element holder of a reusable candidate buffer (one per thread)
   */
  int firstMatch(Name n, int[][] scratch) {
    int best = Integer.MAX_VALUE;
    boolean dir = n.dir();
    String text = n.text();
    int tl = text.length();
    int bs = n.baseStart();
    int rs = n.relStart();
    if (!baseLiteral.isEmpty() || suffixLengths.length > 0) {
      best = firstOf(baseLiteral.get(text, bs), dir, best);
      int bl = tl - bs;
      for (int k = 0; k < suffixLengths.length; k++) {
        int len = suffixLengths[k];
        if (len > bl) {
          break;
        }
        if (!suffixFirst[k].get(text.charAt(tl - len))) {
          continue;
        }
        best = firstOf(suffixMaps[k].get(text, tl - len), dir, best);
      }
    }
    if (dir || !anchoredDirOnly) {
      if (!relLiteral.isEmpty()) {
        best = firstOf(relLiteral.get(text, rs), dir, best);
      }
      if (!absLiteral.isEmpty()) {
        best = firstOf(absLiteral.get(n.absWithSlash(), 1), dir, best);
      }
    }
    for (int k = 0; k < tailCounts.length; k++) {
      int t = RsyncRule.trailingStart(text, rs, tailCounts[k]);
      if (t >= 0) {
        best = firstOf(tailMaps[k].get(text, t), dir, best);
      }
    }
    int[] cand = scratch[0];
    int nc = 0;
    if (wildTailLengths.length > 0) {
      int rl = tl - rs;
      for (int k = 0; k < wildTailLengths.length; k++) {
        int len = wildTailLengths[k];
        if (len > rl) {
          break;
        }
        if (!wildTailFirst[k].get(text.charAt(tl - len))) {
          continue;
        }
        int[] c = wildTailMaps[k].get(text, tl - len);
        if (c != null) {
          for (int x : c) {
            if (x >= best) {
              break;
            }
            if (nc == cand.length) {
              cand = java.util.Arrays.copyOf(cand, nc * 2);
              scratch[0] = cand;
            }
            cand[nc++] = x;
          }
        }
      }
    }
    if (wildHeadLengths.length > 0) {
      int bl = tl - bs;
      for (int k = 0; k < wildHeadLengths.length; k++) {
        int len = wildHeadLengths[k];
        if (len > bl) {
          break;
        }
        int[] c = wildHeadMaps[k].get(text, bs, bs + len);
        if (c != null) {
          for (int x : c) {
            if (x >= best) {
              break;
            }
            if (nc == cand.length) {
              cand = java.util.Arrays.copyOf(cand, nc * 2);
              scratch[0] = cand;
            }
            cand[nc++] = x;
          }
        }
      }
    }
    for (int a = 1; a < nc; a++) { // insertion sort: a handful of candidates
      int x = cand[a];
      int b = a - 1;
      while (b >= 0 && cand[b] > x) {
        cand[b + 1] = cand[b];
        b--;
      }
      cand[b + 1] = x;
    }
    int i = 0;
    int j = 0;
    while (true) {
      int next;
      if (i < nc && (j >= generic.length || cand[i] < generic[j])) {
        next = cand[i++];
      } else if (j < generic.length) {
        next = generic[j++];
      } else {
        break;
      }
      if (next >= best) {
        break;
      }
      if (rules[next].matches(n)) {
        best = next;
        break;
      }
    }
    return best == Integer.MAX_VALUE ? -1 : best;
  }
}
