package io.blindspot.core.backup.tar;

import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.Caveat;
import io.blindspot.core.backup.Reason;
import io.blindspot.core.backup.RuleTrace;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import io.blindspot.core.backup.glob.Glob;
import io.blindspot.core.backup.glob.PathNames;
import io.blindspot.core.backup.glob.TreeView;
import io.blindspot.core.backup.glob.TreeWalker;
import io.blindspot.core.backup.tar.TarCommand.Member;
import io.blindspot.core.backup.tar.TarCommand.Pattern;
import io.blindspot.core.backup.tar.TarCommand.Tag;
import io.blindspot.core.backup.tar.TarCommand.TagKind;
import java.util.List;
import java.util.Locale;

/**
 * GNU tar 1.34 create semantics.
 *
 * <ul>
 *   <li>Only members and what tar finds below them are stored; parent directories of members are
 *       not.
 *   <li>Exclusion options are positional: a member sees the --exclude, -X, --exclude-tag*,
 *       --exclude-caches* and --[no-]recursion given before it; matching options (--anchored,
 *       --ignore-case, --wildcards, --wildcards-match-slash and their negations) apply to the
 *       patterns given after them. Defaults for exclusion: unanchored, wildcards, '*' matches '/',
 *       case-sensitive.
 *   <li>A pattern is matched against the name as tar builds it: the member as written (trailing '/'
 *       removed, "./" and "//" kept) plus "/child" per level, with a leading '/' for absolute
 *       members. Unanchored: also against every suffix that follows a '/'. Always leading-dir: a
 *       pattern matching a leading part of the name up to a '/' matches (so a member below an
 *       excluded name is excluded too). Members themselves are tested.
 *   <li>An excluded directory is not descended into. --exclude-tag FILE keeps the directory and the
 *       tag file, -under keeps only the directory, -all drops the directory; the caches variants
 *       test CACHEDIR.TAG for its signature.
 *   <li>--one-file-system: a directory on another device than its parent is stored (as an empty
 *       directory) but not descended into; members themselves are always descended.
 * </ul>
 */
final class TarRules implements BackupRules {
  private static final int TAG_ONLY = 1 << 16;

  private final TarCommand cmd;
  private final Walker walker;

  TarRules(TarCommand cmd) {
    this.cmd = cmd;
    this.walker = new Walker(cmd.members.stream().map(Member::abs).toList());
  }

  @Override
  public List<Verdict> evaluate(List<String> paths, TreeFacts facts) {
    return walker.evaluate(paths, facts);
  }

  @Override
  public RuleTrace explain(String path, TreeFacts facts) {
    return walker.explain(path, facts);
  }

  @Override
  public List<Caveat> caveats() {
    return List.copyOf(cmd.caveats);
  }

  @Override
  public List<String> sources() {
    return cmd.members.stream().map(Member::abs).distinct().toList();
  }

  /** Whether tar's exclude list excludes this name (gnulib exclude_fnmatch / hash). */
  static Pattern excluded(
      List<Pattern> patterns, String name, List<RuleTrace.Step> trace, String path) {
    Pattern hit = null;
    int[] cps = null;
    int[] folded = null;
    for (Pattern p : patterns) {
      boolean m;
      if (p.wildcards() && Glob.hasWildcards(p.text(), true)) {
        if (cps == null) {
          cps = name.codePoints().toArray();
        }
        if (p.ignoreCase() && folded == null) {
          folded = Glob.fold(cps);
        }
        m = wildcardMatch(p, p.ignoreCase() ? folded : cps);
      } else {
        m = matches(p, name);
      }
      if (trace != null) {
        trace.add(new RuleTrace.Step(path, p.ref(), m, m && hit == null));
      }
      if (m && hit == null) {
        hit = p;
        if (trace == null) {
          return hit;
        }
      }
    }
    return hit;
  }

  static boolean matches(Pattern p, String name) {
    if (p.wildcards() && Glob.hasWildcards(p.text(), true)) {
      int flags =
          (p.leadingDir() ? Glob.FNM_LEADING_DIR : 0)
              | (p.matchSlash() ? 0 : Glob.FNM_PATHNAME)
              | (p.ignoreCase() ? Glob.FNM_CASEFOLD : 0);
      int[] s = name.codePoints().toArray();
      return wildcardMatch(p, p.ignoreCase() ? Glob.fold(s) : s);
    }
    return literalMatches(p, name);
  }

  /** gnulib exclude_fnmatch for a wildcard pattern; {@code s} is folded for --ignore-case. */
  private static boolean wildcardMatch(Pattern p, int[] s) {
    {
      int flags =
          (p.leadingDir() ? Glob.FNM_LEADING_DIR : 0)
              | (p.matchSlash() ? 0 : Glob.FNM_PATHNAME)
              | (p.ignoreCase() ? Glob.FNM_CASEFOLD : 0);
      int[] pat = p.codePoints();
      if (Glob.fnmatch(pat, s, 0, flags)) {
        return true;
      }
      if (!p.anchored()) {
        for (int i = 0; i + 1 < s.length; i++) {
          if (s[i] == '/' && s[i + 1] != '/' && Glob.fnmatch(pat, s, i + 1, flags)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** gnulib's hash-table match for a pattern without wildcards (or with --no-wildcards). */
  private static boolean literalMatches(Pattern p, String name) {
    String pat = p.ignoreCase() ? p.text().toLowerCase(Locale.ROOT) : p.text();
    String f = p.ignoreCase() ? name.toLowerCase(Locale.ROOT) : name;
    while (true) {
      if (literalMatch(pat, f, p.leadingDir())) {
        return true;
      }
      if (p.anchored()) {
        return false;
      }
      int slash = f.indexOf('/');
      if (slash < 0) {
        return false;
      }
      f = f.substring(slash + 1);
    }
  }

  private static boolean literalMatch(String pat, String f, boolean leadingDir) {
    if (f.equals(pat)) {
      return true;
    }
    if (!leadingDir) {
      return false;
    }
    String b = f;
    int slash;
    while ((slash = b.lastIndexOf('/')) >= 0) {
      b = b.substring(0, slash);
      if (b.equals(pat)) {
        return true;
      }
    }
    return false;
  }

  private final class Walker extends TreeWalker {
    Walker(List<String> roots) {
      super(roots);
    }

    private String literal(int root, String bare) {
      Member m = cmd.members.get(root);
      String rest = bare.substring(m.abs().length());
      if (m.abs().equals("/") && !rest.isEmpty()) {
        return m.literal().equals("/") ? "/" + rest : m.literal() + "/" + rest;
      }
      return m.literal() + rest;
    }

    @Override
    protected State rootState(
        int root, String bare, boolean dir, TreeView view, List<RuleTrace.Step> trace) {
      Member m = cmd.members.get(root);
      State s = named(m, literal(root, bare), bare, dir, view, trace);
      if (s != null) {
        return s;
      }
      if (!dir) {
        return State.included(false, 0);
      }
      if (!m.recursion()) {
        return State.storedOnly(Reason.PARENT_EXCLUDED, m.recursionRef(), bare);
      }
      return contents(m, bare, view, trace);
    }

    @Override
    protected State childState(
        int root,
        State parent,
        String bare,
        boolean dir,
        TreeView view,
        List<RuleTrace.Step> trace) {
      Member m = cmd.members.get(root);
      String parentBare = PathNames.parent(bare);
      if ((parent.flags() & TAG_ONLY) != 0) {
        Tag tag = m.tags().get(parent.flags() & 0xffff);
        if (PathNames.baseName(bare).equals(tag.name())) {
          return State.included(false, 0);
        }
        return State.excluded(Reason.EXCLUDED_BY_MARKER, tag.ref(), parentBare, bare);
      }
      State s = named(m, literal(root, bare), bare, dir, view, trace);
      if (s != null) {
        return s;
      }
      if (!dir) {
        return State.included(false, 0);
      }
      if (cmd.oneFileSystem && !view.device(bare).equals(view.device(parentBare))) {
        return State.storedOnly(Reason.OTHER_FILESYSTEM, cmd.oneFileSystemRef, bare);
      }
      return contents(m, bare, view, trace);
    }

    /** Name exclusion and --exclude-tag-all; null when the node is stored. */
    private State named(
        Member m,
        String name,
        String bare,
        boolean dir,
        TreeView view,
        List<RuleTrace.Step> trace) {
      Pattern hit = excluded(m.excludes(), name, trace, PathNames.notation(bare, dir));
      if (hit != null) {
        return State.excluded(Reason.EXCLUDED_BY_RULE, hit.ref(), null, bare);
      }
      if (dir) {
        int t = tag(m, bare, view, trace);
        if (t >= 0 && m.tags().get(t).kind() == TagKind.ALL) {
          return State.excluded(Reason.EXCLUDED_BY_MARKER, m.tags().get(t).ref(), bare, bare);
        }
      }
      return null;
    }

    private State contents(Member m, String bare, TreeView view, List<RuleTrace.Step> trace) {
      int t = tag(m, bare, view, null);
      if (t < 0) {
        return State.included(true, 0);
      }
      Tag tag = m.tags().get(t);
      if (tag.kind() == TagKind.UNDER) {
        return State.storedOnly(Reason.EXCLUDED_BY_MARKER, tag.ref(), bare);
      }
      return State.included(true, TAG_ONLY | t);
    }

    /** Index of the newest tag option whose tag is present in the directory, or -1. */
    private int tag(Member m, String bare, TreeView view, List<RuleTrace.Step> trace) {
      // tar prepends each tag option to its list: the last one given is tested first
      for (int i = m.tags().size() - 1; i >= 0; i--) {
        Tag tag = m.tags().get(i);
        String file = PathNames.child(bare, tag.name());
        boolean present;
        if (tag.cachedir()) {
          String c = view.content(file);
          present = c != null && c.startsWith(TarCommand.CACHEDIR_SIGNATURE);
        } else {
          present = view.exists(file);
        }
        if (trace != null) {
          trace.add(new RuleTrace.Step(bare + "/", tag.ref(), present, present));
        }
        if (present) {
          return i;
        }
      }
      return -1;
    }
  }
}
