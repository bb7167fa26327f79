package io.blindspot.core.backup.rsync;

import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.Caveat;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.Reason;
import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.backup.RuleTrace;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compiled rules of one rsync invocation, evaluated the way rsync's sender walks the sources:
 * each source argument is checked itself (unless it is a "dir/" or "dir/." form), every directory
 * entry is checked against the filter list in effect in its directory (global rules with the
 * per-directory merge files of that directory and its ancestors spliced in), an excluded directory
 * is not descended into, -x/--one-file-system stops at mount points (-xx skips them).
 *
 * <p>Immutable and thread-safe: per-directory state is cached per {@link #evaluate} call.
 */
public final class RsyncRules implements BackupRules {

  static final RuleRef NOT_RECURSIVE =
      new RuleRef(
          RuleRef.COMMAND_LINE, 0, "no -r/--recursive: rsync does not descend into directories");
  static final RuleRef DIR_SKIPPED =
      new RuleRef(
          RuleRef.COMMAND_LINE,
          0,
          "no -r/--recursive and no -d/--dirs: rsync skips directory arguments");
  static final RuleRef NO_LINKS =
      new RuleRef(
          RuleRef.COMMAND_LINE, 0, "no -l/--links (or -a): rsync skips symlinks as non-regular");

  private final List<RsyncSource> sources;
  private final List<RsyncRule> globalRules;
  private final List<RsyncRule> cvsRules;
  private final List<Caveat> caveats;
  private final boolean recurse;
  private final boolean xferDirs;
  private final int oneFileSystem;
  private final boolean links;
  private final boolean copyLinks;
  private final boolean storesNothing;
  private final RuleRef storesNothingRef;

  /** The flattened global list (per-directory merge lists empty), shared by every evaluation. */
  private final RsyncRuleSet rootRuleSet;

  RsyncRules(
      List<RsyncSource> sources,
      List<RsyncRule> globalRules,
      List<RsyncRule> cvsRules,
      List<Caveat> caveats,
      boolean recurse,
      boolean xferDirs,
      int oneFileSystem,
      boolean links,
      boolean copyLinks,
      RuleRef storesNothingRef) {
    this.sources = List.copyOf(sources);
    this.globalRules = List.copyOf(globalRules);
    this.cvsRules = List.copyOf(cvsRules);
    this.caveats = List.copyOf(caveats);
    this.recurse = recurse;
    this.xferDirs = xferDirs;
    this.oneFileSystem = oneFileSystem;
    this.links = links;
    this.copyLinks = copyLinks;
    this.storesNothing = storesNothingRef != null;
    this.storesNothingRef = storesNothingRef;
    List<RsyncRule> flat = new ArrayList<>();
    for (RsyncRule r : this.globalRules) {
      if (r.isCvsGlobal()) {
        for (RsyncRule c : this.cvsRules) {
          if (c.appliesToTransfer()) {
            flat.add(c);
          }
        }
      } else if (!r.isPerDirMerge() && r.appliesToTransfer() && !r.has(RsyncRule.MERGE_FILE)) {
        flat.add(r);
      }
    }
    this.rootRuleSet = new RsyncRuleSet(flat);
  }

  @Override
  public List<Caveat> caveats() {
    return caveats;
  }

  @Override
  public List<String> sources() {
    List<String> out = new ArrayList<>();
    for (RsyncSource s : sources) {
      if (!out.contains(s.top())) {
        out.add(s.top());
      }
    }
    return out;
  }

  /** The source arguments as rsync sees them (for diagnostics and tests). */
  public List<RsyncSource> sourceArgs() {
    return sources;
  }

  /** The global filter rules in order (command line and merge files), for display. */
  public List<String> describeRules() {
    List<String> out = new ArrayList<>();
    for (RsyncRule r : globalRules) {
      out.add(r.display() + "   (" + r.ref().file() + ":" + r.ref().line() + ")");
    }
    return out;
  }

  @Override
  public List<Verdict> evaluate(List<String> paths, TreeFacts facts) {
    Eval ev = new Eval(facts == null ? TreeFacts.NONE : facts);
    List<Verdict> out = new ArrayList<>(paths.size());
    for (String p : paths) {
      out.add(ev.verdict(p));
    }
    ev.probeMergeFiles();
    if (ev.abort != null) {
      out.replaceAll(v -> aborted(v.path(), ev.abort));
    }
    return out;
  }

  private static Verdict aborted(String path, RuleRef abort) {
    return new Verdict(path, false, Reason.EXCLUDED_BY_RULE, abort, null);
  }

  @Override
  public RuleTrace explain(String path, TreeFacts facts) {
    Eval ev = new Eval(facts == null ? TreeFacts.NONE : facts);
    Verdict v = ev.verdict(path);
    List<RuleTrace.Step> steps = new ArrayList<>();
    ev.trace(path, steps);
    ev.probeMergeFiles();
    if (ev.abort != null) {
      v = aborted(path, ev.abort);
      steps.add(new RuleTrace.Step(path, ev.abort, true, true));
    }
    return new RuleTrace(v, steps);
  }

  // ---------------------------------------------------------------------------------------------

  /** Active per-directory merge lists for one directory. */
  private static final class Ctx {
    final List<RsyncRule> slots; // the dir-merge rules, in activation order
    final List<List<RsyncRule>> lists; // their current (local + inherited) rules
    private RsyncRuleSet ruleSet;

    Ctx(List<RsyncRule> slots, List<List<RsyncRule>> lists) {
      this.slots = slots;
      this.lists = lists;
    }
  }

  /** What happens below a directory. */
  private record DirState(
      Verdict verdict, Ctx childCtx, Reason blockReason, RuleRef blockRule, String blockAncestor) {}

  private final class Eval {
    final TreeFacts facts;
    final List<Filesystem> mounts;
    final List<Map<String, DirState>> cache = new ArrayList<>();
    final Ctx rootCtx;
    RuleRef abort;
    final int[][] scratch = {new int[16]};
    final Name nameBuf = new Name();

    Eval(TreeFacts facts) {
      this.facts = facts;
      List<Filesystem> m = new ArrayList<>(facts.filesystems());
      m.sort(Comparator.comparingInt((Filesystem f) -> f.mountPoint().length()).reversed());
      this.mounts = m;
      for (int i = 0; i < sources.size(); i++) {
        cache.add(new HashMap<>());
      }
      List<RsyncRule> slots = new ArrayList<>();
      List<List<RsyncRule>> lists = new ArrayList<>();
      for (RsyncRule r : globalRules) {
        if (r.isPerDirMerge()) {
          slots.add(r);
          lists.add(List.of());
        }
      }
      this.rootCtx = new Ctx(slots, lists);
      this.rootCtx.ruleSet = rootRuleSet;
    }

    String device(String abs) {
      for (Filesystem f : mounts) {
        String mp = f.mountPoint();
        if (mp.length() > 1 && mp.endsWith("/")) {
          mp = mp.substring(0, mp.length() - 1);
        }
        if (mp.equals("/") || abs.equals(mp) || abs.startsWith(mp + "/")) {
          return f.device();
        }
      }
      return null;
    }

    boolean isSymlink(String abs) {
      return !facts.symlinks().isEmpty()
          && (facts.symlinks().containsKey(abs) || facts.symlinks().containsKey(abs + "/"));
    }

    RsyncRuleSet ruleSet(Ctx ctx) {
      if (ctx.ruleSet == null) {
        List<RsyncRule> flat = new ArrayList<>();
        flatten(globalRules, ctx, flat, 0);
        ctx.ruleSet = new RsyncRuleSet(flat);
      }
      return ctx.ruleSet;
    }

    void flatten(List<RsyncRule> list, Ctx ctx, List<RsyncRule> out, int depth) {
      for (RsyncRule r : list) {
        if (r.isPerDirMerge()) {
          int slot = indexOfIdentity(ctx.slots, r);
          if (slot >= 0 && depth < 16) {
            flatten(ctx.lists.get(slot), ctx, out, depth + 1);
          }
        } else if (r.isCvsGlobal()) {
          for (RsyncRule c : cvsRules) {
            if (c.appliesToTransfer()) {
              out.add(c);
            }
          }
        } else if (r.appliesToTransfer() && !r.has(RsyncRule.MERGE_FILE)) {
          out.add(r);
        }
      }
    }

    /** rsync's push_local_filters(): read the per-dir merge files of {@code dir}. */
    Ctx push(Ctx ctx, String dir) {
      if (ctx.slots.isEmpty()) {
        return ctx; // no per-directory merge rules: nothing to read, nothing changes
      }
      List<RsyncRule> slots = new ArrayList<>(ctx.slots);
      List<List<RsyncRule>> lists = new ArrayList<>(ctx.lists);
      List<String> names = new ArrayList<>();
      for (RsyncRule s : slots) {
        names.add(s.mergeName);
      }
      boolean changed = false;
      for (int i = 0; i < slots.size(); i++) {
        RsyncRule slot = slots.get(i);
        List<RsyncRule> inherited = slot.has(RsyncRule.NO_INHERIT) ? List.of() : lists.get(i);
        if (inherited != lists.get(i)) {
          changed = true;
        }
        String file = join(dir, slot.mergeName);
        String content = facts.fileContents().get(file);
        if (content == null) {
          lists.set(i, inherited);
          continue;
        }
        changed = true;
        RsyncFilterParser.Target t = new RsyncFilterParser.Target(names);
        parseLocal(t, content, file, slot, dir);
        for (RsyncRule r : t.rules) {
          if (r.isPerDirMerge() && indexOfIdentity(slots, r) < 0) {
            slots.add(r);
            lists.add(List.of());
          }
        }
        List<RsyncRule> merged = new ArrayList<>(t.rules);
        if (!t.cleared) {
          merged.addAll(inherited);
        }
        lists.set(i, List.copyOf(merged));
      }
      return changed ? new Ctx(slots, lists) : ctx;
    }

    void parseLocal(
        RsyncFilterParser.Target t, String content, String file, RsyncRule slot, String dir) {
      RsyncFilterParser p =
          new RsyncFilterParser(name -> facts.fileContents().get(join(dir, name)), r -> r, false);
      try {
        p.parseFile(t, content, file, slot.flags, RsyncFilterParser.XFLG_ANCHORED2ABS, dir, false);
      } catch (io.blindspot.core.backup.JobConfigException e) {
        // rsync aborts the whole run (before transferring anything) on a syntax error in a
        // per-directory merge file it reads: nothing is stored
        if (abort == null) {
          abort =
              new RuleRef(
                  e.file() == null ? file : e.file(),
                  e.line(),
                  "rsync aborts, nothing is stored: " + e.getMessage());
        }
      }
    }

    /** Reads every per-directory merge file rsync would read, to find syntax errors. */
    void probeMergeFiles() {
      if (rootCtx.slots.isEmpty() || facts.fileContents().isEmpty()) {
        return;
      }
      java.util.Set<String> names = new java.util.HashSet<>();
      for (RsyncRule r : rootCtx.slots) {
        names.add(r.mergeName);
      }
      for (String key : facts.fileContents().keySet()) {
        int slash = key.lastIndexOf('/');
        if (slash < 0 || !names.contains(key.substring(slash + 1))) {
          continue;
        }
        String dir = slash == 0 ? "/" : key.substring(0, slash);
        for (int i = 0; i < sources.size(); i++) {
          RsyncSource s = sources.get(i);
          if (s.resolvable() && s.covers(dir)) {
            dirState(i, s, dir);
          }
        }
      }
    }

    /** The context for the first directory of a source: parent dirscan of "/"-rooted merges. */
    Ctx sourceRootCtx(String topDir) {
      Ctx ctx = rootCtx;
      boolean any = false;
      List<List<RsyncRule>> lists = new ArrayList<>(ctx.lists);
      for (int i = 0; i < ctx.slots.size(); i++) {
        RsyncRule slot = ctx.slots.get(i);
        if (slot.scanFrom == null) {
          continue;
        }
        String from = slot.scanFrom;
        if (!(from.equals("/") || topDir.equals(from) || topDir.startsWith(from + "/"))) {
          continue;
        }
        List<RsyncRule> list = List.of();
        String d = from;
        while (!d.equals(topDir)) {
          String content = facts.fileContents().get(join(d, slot.mergeName));
          if (content != null) {
            List<String> names = new ArrayList<>();
            for (RsyncRule s : ctx.slots) {
              names.add(s.mergeName);
            }
            RsyncFilterParser.Target t = new RsyncFilterParser.Target(names);
            parseLocal(t, content, join(d, slot.mergeName), slot, d);
            List<RsyncRule> merged = new ArrayList<>(t.rules);
            if (!t.cleared) {
              merged.addAll(list);
            }
            list = slot.has(RsyncRule.NO_INHERIT) ? List.of() : List.copyOf(merged);
            any = true;
          }
          d = nextDown(d, topDir);
        }
        lists.set(i, list);
      }
      return any ? new Ctx(ctx.slots, lists) : ctx;
    }

    Name name(RsyncSource s, String abs, boolean dir) {
      boolean root = s.currDir().equals("/");
      int relStart = root ? 1 : s.currDir().length() + 1;
      if (relStart > abs.length()) {
        throw new StringIndexOutOfBoundsException("begin " + relStart + ", length " + abs.length());
      }
      // one Name per evaluation, reused: a name is only used until the next one is made
      return nameBuf.set(abs, relStart, abs, dir, root);
    }

    Verdict verdict(String path) {
      if (storesNothing) {
        return new Verdict(path, false, Reason.EXCLUDED_BY_RULE, storesNothingRef, null);
      }
      boolean isDir = path.endsWith("/");
      String abs = isDir && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
      Verdict first = null;
      for (int i = 0; i < sources.size(); i++) {
        RsyncSource s = sources.get(i);
        if (!s.resolvable()) {
          continue;
        }
        if (s.covers(abs)) {
          Verdict v = evalUnder(i, s, abs, isDir, path);
          if (v.included()) {
            return v;
          }
          if (first == null) {
            first = v;
          }
        } else if (s.implied().contains(abs)) {
          Verdict top = topVerdict(i, s, s.top(), true, s.top());
          if (top.included()) {
            return Verdict.included(path);
          }
        }
      }
      if (first != null) {
        return first;
      }
      return new Verdict(path, false, Reason.OUTSIDE_SOURCES, null, null);
    }

    // a one-entry cache of the last parent directory: input paths usually come sorted, so
    // siblings follow each other and need neither a substring nor a hash lookup
    private int lastSi = -1;
    private String lastParent;
    private DirState lastState;

    Verdict evalUnder(int si, RsyncSource s, String abs, boolean isDir, String path) {
      if (abs.equals(s.top())) {
        return topVerdict(si, s, abs, isDir, path);
      }
      int slash = abs.lastIndexOf('/');
      DirState ps;
      if (lastSi == si
          && slash > 0
          && slash == lastParent.length()
          && abs.regionMatches(0, lastParent, 0, slash)) {
        ps = lastState;
      } else {
        String parent = slash <= 0 ? "/" : abs.substring(0, slash);
        ps = dirState(si, s, parent);
        lastSi = si;
        lastParent = parent;
        lastState = ps;
      }
      if (isDir && rootCtx.slots.isEmpty()) {
        // without per-directory merge rules working out the directory's state reads nothing: do
        // it now (its verdict is the directory's) and keep it for the entries that follow
        Map<String, DirState> c = cache.get(si);
        DirState st = c.get(abs);
        if (st == null) {
          st = childDirState(s, ps, abs, path);
          c.put(abs, st);
        }
        lastSi = si;
        lastParent = abs;
        lastState = st;
        return st.verdict();
      }
      return childVerdict(s, ps, abs, isDir, path);
    }

    Verdict topVerdict(int si, RsyncSource s, String abs, boolean isDir, String path) {
      boolean dir = isDir && !isSymlink(abs);
      if (!s.neverExcluded()) {
        int idx = ruleSet(rootCtx).firstMatch(name(s, abs, dir), scratch);
        if (idx >= 0 && !ruleSet(rootCtx).rules[idx].isInclude()) {
          return new Verdict(
              path, false, Reason.EXCLUDED_BY_RULE, ruleSet(rootCtx).rules[idx].ref(), null);
        }
      }
      if (dir && !recurse && !xferDirs) {
        return new Verdict(path, false, Reason.EXCLUDED_BY_RULE, DIR_SKIPPED, null);
      }
      if (!dir && isSymlink(abs) && !links && !copyLinks) {
        return new Verdict(path, false, Reason.EXCLUDED_BY_RULE, NO_LINKS, null);
      }
      return Verdict.included(path);
    }

    DirState dirState(int si, RsyncSource s, String dir) {
      Map<String, DirState> c = cache.get(si);
      DirState st = c.get(dir);
      if (st != null) {
        return st;
      }
      String dirPath = dir.equals("/") ? "/" : dir + "/";
      if (dir.equals(s.top())) {
        Verdict v = topVerdict(si, s, dir, true, dirPath);
        if (!v.included()) {
          st = blocked(v, dirPath);
        } else if (recurse || (xferDirs && s.contents())) {
          st = new DirState(v, push(sourceRootCtx(dir), dir), null, null, null);
        } else {
          st = new DirState(v, null, Reason.EXCLUDED_BY_RULE, NOT_RECURSIVE, dirPath);
        }
      } else {
        st = childDirState(s, dirState(si, s, parent(dir)), dir, dirPath);
      }
      c.put(dir, st);
      return st;
    }

    /** The state of directory {@code dir} (not a source top) below a directory in state ps. */
    DirState childDirState(RsyncSource s, DirState ps, String dir, String dirPath) {
      Verdict v = childVerdict(s, ps, dir, true, dirPath);
      if (!v.included()) {
        return blocked(v, dirPath);
      } else if (oneFileSystem > 0 && !isSymlink(dir) && !same(device(dir), device(s.top()))) {
        return new DirState(v, null, Reason.OTHER_FILESYSTEM, null, dirPath);
      } else if (!recurse || isSymlink(dir)) {
        return new DirState(v, null, Reason.EXCLUDED_BY_RULE, NOT_RECURSIVE, dirPath);
      } else {
        return new DirState(v, push(ps.childCtx(), dir), null, null, null);
      }
    }

    DirState blocked(Verdict v, String dirPath) {
      return switch (v.reason()) {
        case EXCLUDED_BY_RULE -> new DirState(v, null, Reason.PARENT_EXCLUDED, v.rule(), dirPath);
        case OTHER_FILESYSTEM -> new DirState(v, null, Reason.OTHER_FILESYSTEM, null, v.ancestor());
        default -> new DirState(v, null, v.reason(), v.rule(), v.ancestor());
      };
    }

    Verdict childVerdict(RsyncSource s, DirState ps, String abs, boolean isDir, String path) {
      if (ps.childCtx() == null) {
        return new Verdict(path, false, ps.blockReason(), ps.blockRule(), ps.blockAncestor());
      }
      boolean symlink = isSymlink(abs);
      boolean dir = isDir && !symlink;
      if (dir && oneFileSystem > 1 && !same(device(abs), device(s.top()))) {
        return new Verdict(path, false, Reason.OTHER_FILESYSTEM, null, path);
      }
      RsyncRuleSet rs = ruleSet(ps.childCtx());
      int idx = rs.firstMatch(name(s, abs, dir), scratch);
      if (idx >= 0 && !rs.rules[idx].isInclude()) {
        return new Verdict(path, false, Reason.EXCLUDED_BY_RULE, rs.rules[idx].ref(), null);
      }
      if (symlink && !links && !copyLinks) {
        return new Verdict(path, false, Reason.EXCLUDED_BY_RULE, NO_LINKS, null);
      }
      return Verdict.included(path);
    }

    /** Appends the rules considered for {@code path} and each ancestor rsync checked. */
    void trace(String path, List<RuleTrace.Step> steps) {
      boolean isDir = path.endsWith("/");
      String abs = isDir && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
      for (int i = 0; i < sources.size(); i++) {
        RsyncSource s = sources.get(i);
        if (!s.resolvable() || !s.covers(abs)) {
          continue;
        }
        // the chain from the top down to the path
        List<String> chain = new ArrayList<>();
        for (String a = abs; ; a = parent(a)) {
          chain.add(0, a);
          if (a.equals(s.top())) {
            break;
          }
        }
        Ctx ctx = rootCtx;
        for (int k = 0; k < chain.size(); k++) {
          String a = chain.get(k);
          boolean last = k == chain.size() - 1;
          boolean dir = (!last || isDir) && !isSymlink(a);
          String shown = dir && !a.equals("/") ? a + "/" : a;
          if (k == 0 && s.neverExcluded()) {
            // "dir/" sources: rsync never tests the top directory itself
          } else {
            RsyncRuleSet rs = ruleSet(ctx);
            Name n = name(s, a, dir);
            boolean decided = false;
            for (RsyncRule r : rs.rules) {
              boolean m = r.matches(n);
              steps.add(new RuleTrace.Step(shown, r.ref(), m, m));
              if (m) {
                decided = !r.isInclude();
                break;
              }
            }
            if (decided) {
              return;
            }
          }
          if (!last) {
            DirState st = dirState(i, s, a);
            if (st.childCtx() == null) {
              return;
            }
            ctx = st.childCtx();
          }
        }
        return;
      }
    }
  }

  private static boolean same(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }

  static int indexOfIdentity(List<RsyncRule> list, RsyncRule r) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == r) {
        return i;
      }
    }
    return -1;
  }

  static String join(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }

  static String parent(String abs) {
    int i = abs.lastIndexOf('/');
    return i <= 0 ? "/" : abs.substring(0, i);
  }

  /** The next directory below {@code d} on the way to {@code target}. */
  static String nextDown(String d, String target) {
    String rest = d.equals("/") ? target.substring(1) : target.substring(d.length() + 1);
    int slash = rest.indexOf('/');
    String seg = slash < 0 ? rest : rest.substring(0, slash);
    return join(d, seg);
  }

  static boolean isUnder(Set<String> set, String abs) {
    return set.contains(abs);
  }
}
