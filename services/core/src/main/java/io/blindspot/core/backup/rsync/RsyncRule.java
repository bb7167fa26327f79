package io.blindspot.core.backup.rsync;

import io.blindspot.core.backup.RuleRef;
import java.nio.charset.StandardCharsets;

/**
 * One compiled rsync filter rule: an include or exclude pattern, a per-directory merge rule ({@code
 * dir-merge}/{@code :}) or the CVS-ignore rule that {@code -C} adds. Immutable.
 *
 * <p>The matching follows rsync's rules exactly: a pattern without a '/' (other than a trailing
 * one) and without "**" matches the last path element; a pattern starting with '/' is anchored at
 * the transfer root (or, in a per-directory merge file, at that file's directory); other patterns
 * with a '/' match the trailing elements of the path; "**" anywhere lets the pattern match at the
 * start or after any '/'; a trailing '/' matches directories only; a trailing "/***" also matches
 * the directory itself; {@code !} negates; a pattern with no {@code * ? [} is compared literally
 * (backslashes are then ordinary characters).
 */
public final class RsyncRule {

  // Flags, named after rsync's FILTRULE_* (the semantics, not the values).
  static final int INCLUDE = 1;
  static final int DIRECTORY = 1 << 1;
  static final int NEGATE = 1 << 2;
  static final int ABS_PATH = 1 << 3;
  static final int WILD = 1 << 4;
  static final int WILD2 = 1 << 5;
  static final int WILD2_PREFIX = 1 << 6;
  static final int WILD3_SUFFIX = 1 << 7;
  static final int MERGE_FILE = 1 << 8;
  static final int PERDIR_MERGE = 1 << 9;
  static final int NO_PREFIXES = 1 << 10;
  static final int WORD_SPLIT = 1 << 11;
  static final int NO_INHERIT = 1 << 12;
  static final int CVS_IGNORE = 1 << 13;
  static final int EXCLUDE_SELF = 1 << 14;
  static final int SENDER_SIDE = 1 << 15;
  static final int RECEIVER_SIDE = 1 << 16;
  static final int PERISHABLE = 1 << 17;
  static final int XATTR = 1 << 18;
  static final int CLEAR_LIST = 1 << 19;
  static final int FINISH_SETUP = 1 << 20;

  /** The flags a rule read from a merge file inherits from the merge rule. */
  static final int FROM_CONTAINER = ABS_PATH | INCLUDE | DIRECTORY | NEGATE | PERISHABLE;

  static final int SIDES = SENDER_SIDE | RECEIVER_SIDE;

  final int flags;

  /** The pattern as rsync stores it: trailing '/' removed, per-dir anchoring prefix added. */
  final String pattern;

  final int slashCount;
  final RuleRef ref;

  /** For a per-directory merge rule: the merge file's name (no directory part). */
  final String mergeName;

  /** For a per-directory merge rule: the directory to scan down from (parent dirscan), or null. */
  final String scanFrom;

  private final boolean anchored;
  private final String body; // pattern without the anchoring '/'
  private final byte[] bodyBytes;
  private final RsyncWildmatch wild;
  private final String litHead;
  private final String litTail;
  private final String mustContain;

  RsyncRule(
      int flags, String pattern, int slashCount, RuleRef ref, String mergeName, String scanFrom) {
    this.flags = flags;
    this.pattern = pattern;
    this.slashCount = slashCount;
    this.ref = ref;
    this.mergeName = mergeName;
    this.scanFrom = scanFrom;
    this.anchored = pattern.startsWith("/");
    this.body = anchored ? pattern.substring(1) : pattern;
    this.bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    this.wild = (flags & WILD) != 0 ? RsyncWildmatch.compile(bodyBytes) : null;
    this.litHead = wild != null ? literalHead(body) : null;
    this.litTail = wild != null ? literalTail(body) : null;
    this.mustContain = wild != null ? wild.longestLiteral() : null;
  }

  boolean has(int flag) {
    return (flags & flag) != 0;
  }

  boolean isInclude() {
    return has(INCLUDE);
  }

  boolean isPerDirMerge() {
    return has(PERDIR_MERGE);
  }

  boolean isCvsGlobal() {
    return has(CVS_IGNORE) && !has(MERGE_FILE);
  }

  /** Whether this rule can take part in deciding what the sender transfers. */
  boolean appliesToTransfer() {
    return !(has(RECEIVER_SIDE) && !has(SENDER_SIDE)) && !has(XATTR);
  }

  boolean anchored() {
    return anchored;
  }

  /**
   * The literal text the name (last path element) must start with for this wildcard rule to match,
   * or null: the literal head of the pattern's last element, when that element cannot span a '/'
   * (no "**") and the match text always ends with the name.
   */
  String indexableHead() {
    if (wild == null || has(NEGATE) || has(WILD3_SUFFIX) || has(XATTR) || body.indexOf('\\') >= 0) {
      return null;
    }
    String last = body.substring(body.lastIndexOf('/') + 1);
    if (last.contains("**")) {
      return null;
    }
    return literalHead(last);
  }

  /**
   * The literal text every match ends with (the pattern's characters after its last wildcard), or
   * null; only for rules whose match text always ends with the name.
   */
  String indexableTail() {
    if (wild == null
        || litTail == null
        || has(NEGATE)
        || has(WILD3_SUFFIX)
        || has(XATTR)
        || has(WILD2_PREFIX)
        || has(ABS_PATH)) {
      return null;
    }
    return litTail;
  }

  String body() {
    return body;
  }

  /** The rule as rsync would print it ("- /var/db/", "+ *.c"). */
  public String display() {
    StringBuilder sb = new StringBuilder();
    if (isPerDirMerge()) {
      sb.append(':');
    } else {
      sb.append(isInclude() ? '+' : '-');
    }
    if (has(ABS_PATH)) {
      sb.append('/');
    }
    if (has(NEGATE)) {
      sb.append('!');
    }
    sb.append(' ').append(isPerDirMerge() ? mergeName : pattern);
    if (has(DIRECTORY)) {
      sb.append('/');
    }
    return sb.toString();
  }

  public RuleRef ref() {
    return ref;
  }

  /** rsync's rule_matches(): whether this pattern rule matches the name. */
  boolean matches(Name n) {
    boolean ret = !has(NEGATE);
    if (has(XATTR)) {
      return false;
    }
    if (!n.dir() && has(DIRECTORY)) {
      return !ret;
    }
    boolean composite = false;
    boolean prefixSlash = false;
    int kind; // 0 base, 1 abs, 2 rel
    if (slashCount == 0 && !has(WILD2)) {
      kind = 0;
    } else if (has(ABS_PATH) && !n.currDirIsRoot()) {
      kind = 1;
      composite = true;
    } else if (has(WILD2_PREFIX)) {
      kind = 2;
      prefixSlash = true;
      composite = true;
    } else {
      kind = 2;
    }
    boolean suffixSlash = n.dir() && has(WILD3_SUFFIX);
    composite |= suffixSlash;
    int where;
    if (!anchored && slashCount > 0 && !has(WILD2)) {
      where = slashCount + 1;
    } else if (!anchored && !has(WILD2_PREFIX) && has(WILD2)) {
      where = -1;
    } else {
      where = 0;
    }
    boolean m;
    // the text is the region of s from 'from' to its end
    String s;
    int from;
    if (kind == 0) {
      s = n.text();
      from = n.baseStart();
    } else if (kind == 1) {
      s = n.absWithSlash();
      from = 1;
    } else {
      s = n.text();
      from = n.relStart();
    }
    int len = s.length() - from;
    if (wild != null) {
      if (kind == 0 && quickReject(s, from, len)) {
        m = false;
      } else if (litTail != null
          && !suffixSlash
          && !(prefixSlash ? slashEndsWith(s, from, len, litTail) : endsWith(s, len, litTail))) {
        // every match runs to the end of the text, which must end with the literal tail
        m = false;
      } else if (where == 0
          && !prefixSlash
          && !suffixSlash
          && litHead != null
          && !s.startsWith(litHead, from)) {
        m = false;
      } else if (mustContain != null
          && !composedContains(s, from, len, prefixSlash, suffixSlash, mustContain)) {
        m = false;
      } else {
        byte[] t;
        int tf;
        int te;
        if (kind == 0) {
          t = n.baseBytes();
          tf = n.baseFrom();
          te = n.baseEnd();
        } else if (kind == 1) {
          t = n.absBytes();
          tf = 0;
          te = t.length;
        } else {
          t = n.relBytes();
          tf = n.relFrom();
          te = n.relEnd();
        }
        if (prefixSlash && !suffixSlash && tf > 0 && t[tf - 1] == '/') {
          tf--; // the '/' before the text in the backing bytes is the prefix
        } else if (prefixSlash || suffixSlash) {
          int tl = te - tf;
          byte[] x = new byte[tl + (prefixSlash ? 1 : 0) + (suffixSlash ? 1 : 0)];
          int o = 0;
          if (prefixSlash) {
            x[o++] = '/';
          }
          System.arraycopy(t, tf, x, o, tl);
          if (suffixSlash) {
            x[x.length - 1] = '/';
          }
          t = x;
          tf = 0;
          te = x.length;
        }
        m = wild.matchArray(t, tf, te, where);
      }
    } else {
      if (composite) {
        String text = kind == 0 ? n.base() : kind == 1 ? n.abs() : n.rel();
        if (prefixSlash) {
          text = "/" + text;
        }
        if (suffixSlash) {
          text = text + "/";
        }
        m = literalArray(text, where);
      } else if (anchored) {
        m = len == body.length() && s.startsWith(body, from);
      } else {
        int l2 = body.length();
        m = l2 <= len && s.endsWith(body) && (len == l2 || s.charAt(s.length() - l2 - 1) == '/');
      }
    }
    return m ? ret : !ret;
  }

  /** Whether the region (to the end of s) of length len ends with t. */
  private static boolean endsWith(String s, int len, String t) {
    return t.length() <= len && s.endsWith(t);
  }

  /** Whether "/" + region ends with t. */
  private static boolean slashEndsWith(String s, int from, int len, String t) {
    int tl = t.length();
    if (tl <= len) {
      return s.endsWith(t);
    }
    return tl == len + 1 && t.charAt(0) == '/' && s.regionMatches(from, t, 1, len);
  }

  /** Whether (prefix "/") + region + (suffix "/") contains t, without building that string. */
  static boolean composedContains(
      String s, int from, int len, boolean prefixSlash, boolean suffixSlash, String t) {
    if (s.indexOf(t, from) >= 0) {
      return true;
    }
    int tl = t.length();
    int vl = len + (prefixSlash ? 1 : 0) + (suffixSlash ? 1 : 0);
    if (tl > vl) {
      return false;
    }
    // an occurrence not inside the region covers the leading or the trailing added '/'
    if (prefixSlash && t.charAt(0) == '/' && virtualMatches(s, from, len, prefixSlash, 0, t)) {
      return true;
    }
    return suffixSlash
        && t.charAt(tl - 1) == '/'
        && virtualMatches(s, from, len, prefixSlash, vl - tl, t);
  }

  private static boolean virtualMatches(
      String s, int from, int len, boolean prefixSlash, int at, String t) {
    int p = prefixSlash ? 1 : 0;
    for (int i = 0; i < t.length(); i++) {
      int v = at + i;
      char c;
      if (v < p) {
        c = '/';
      } else if (v - p < len) {
        c = s.charAt(from + v - p);
      } else {
        c = '/';
      }
      if (c != t.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * rule_matches() without any shortcut (no literal head/tail/substring rejection): the reference
   * the optimised {@link #matches} is tested against.
   */
  boolean matchesReference(Name n) {
    boolean ret = !has(NEGATE);
    if (has(XATTR)) {
      return false;
    }
    String text;
    if (slashCount == 0 && !has(WILD2)) {
      text = n.base();
    } else if (has(ABS_PATH) && !n.currDirIsRoot()) {
      text = n.abs();
    } else if (has(WILD2_PREFIX)) {
      text = "/" + n.rel();
    } else {
      text = n.rel();
    }
    if (n.dir()) {
      if (has(WILD3_SUFFIX)) {
        text = text + "/";
      }
    } else if (has(DIRECTORY)) {
      return !ret;
    }
    int where;
    if (!anchored && slashCount > 0 && !has(WILD2)) {
      where = slashCount + 1;
    } else if (!anchored && !has(WILD2_PREFIX) && has(WILD2)) {
      where = -1;
    } else {
      where = 0;
    }
    boolean m;
    if (wild != null) {
      m = wild.matchArray(text.getBytes(StandardCharsets.UTF_8), where);
    } else {
      m = literalArray(text, where);
    }
    return m ? ret : !ret;
  }

  /** For last-element wildcard patterns: the literal head and tail the name must have. */
  private boolean quickReject(String s, int from, int len) {
    return (litHead != null && !s.startsWith(litHead, from))
        || (litTail != null && !endsWith(s, len, litTail));
  }

  private static String literalHead(String body) {
    int i = 0;
    while (i < body.length() && "*?[\\".indexOf(body.charAt(i)) < 0) {
      i++;
    }
    return i == 0 ? null : body.substring(0, i);
  }

  private static String literalTail(String body) {
    int i = body.length();
    while (i > 0 && "*?[]\\".indexOf(body.charAt(i - 1)) < 0) {
      i--;
    }
    return i == body.length() ? null : body.substring(i);
  }

  private boolean literalArray(String text, int where) {
    if (where > 0) {
      String tail = trailing(text, where);
      return tail != null && tail.equals(body);
    }
    return text.equals(body);
  }

  /**
   * Where the last {@code count} '/'-separated elements of the part of {@code text} from {@code
   * from} start, or -1 if it has fewer.
   */
  static int trailingStart(String text, int from, int count) {
    for (int i = text.length() - 1; i >= from; i--) {
      if (text.charAt(i) == '/' && --count == 0) {
        return i + 1;
      }
    }
    return count == 1 ? from : -1;
  }

  /** The last {@code count} '/'-separated elements of {@code text}, or null if it has fewer. */
  static String trailing(String text, int count) {
    for (int i = text.length() - 1; i >= 0; i--) {
      if (text.charAt(i) == '/' && --count == 0) {
        return text.substring(i + 1);
      }
    }
    return count == 1 ? text : null;
  }

  @Override
  public String toString() {
    return display() + " @" + ref;
  }
}
