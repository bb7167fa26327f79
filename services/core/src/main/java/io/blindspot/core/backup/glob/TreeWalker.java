package io.blindspot.core.backup.glob;

import io.blindspot.core.backup.Reason;
import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.backup.RuleTrace;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulates a tool's descent from its roots to each evaluated path: the verdict of a path is
 * decided by the tool's rule for that path given the state of its parent directory, so a directory
 * the tool does not descend into hides everything below it. Directory states are memoized per
 * evaluation.
 */
public abstract class TreeWalker {

  /**
   * What the tool does with one node.
   *
   * @param stored whether the node is stored
   * @param reason the reason (INCLUDED when stored)
   * @param rule the deciding rule, or null
   * @param ancestor the ancestor the reason refers to, or null
   * @param descend for a directory: whether the tool lists its entries
   * @param childReason when not descending: the reason given to every descendant
   * @param childRule when not descending: the rule given to descendants
   * @param childAncestor when not descending: the ancestor named for descendants
   * @param flags tool-specific state handed to the children's decisions
   */
  public record State(
      boolean stored,
      Reason reason,
      RuleRef rule,
      String ancestor,
      boolean descend,
      Reason childReason,
      RuleRef childRule,
      String childAncestor,
      int flags) {

    public static State included(boolean descend, int flags) {
      return new State(true, Reason.INCLUDED, null, null, descend, null, null, null, flags);
    }

    /** Stored but not descended into; descendants get the given reason. */
    public static State storedOnly(Reason childReason, RuleRef rule, String childAncestor) {
      return new State(
          true, Reason.INCLUDED, null, null, false, childReason, rule, childAncestor, 0);
    }

    /** Not stored and not descended; descendants are PARENT_EXCLUDED (or the given reason). */
    public static State excluded(Reason reason, RuleRef rule, String ancestor, String bare) {
      Reason child = reason == Reason.EXCLUDED_BY_RULE ? Reason.PARENT_EXCLUDED : reason;
      String childAncestor = reason == Reason.EXCLUDED_BY_RULE ? bare : ancestor;
      return new State(false, reason, rule, ancestor, false, child, rule, childAncestor, 0);
    }

    /** Not stored but still descended into (borg's excluded-but-recursed directories). */
    public static State excludedDescend(RuleRef rule, int flags) {
      return new State(false, Reason.EXCLUDED_BY_RULE, rule, null, true, null, null, null, flags);
    }
  }

  private final List<String> roots;

  /**
   * @param roots the bare absolute roots the tool walks, in the tool's order
   */
  protected TreeWalker(List<String> roots) {
    this.roots = List.copyOf(roots);
  }

  public List<String> roots() {
    return roots;
  }

  /** The state of root number {@code root} itself. */
  protected abstract State rootState(
      int root, String bare, boolean dir, TreeView view, List<RuleTrace.Step> trace);

  /** The state of a node whose parent the tool descends into. */
  protected abstract State childState(
      int root, State parent, String bare, boolean dir, TreeView view, List<RuleTrace.Step> trace);

  /** The verdict of a path under no root (restic: ancestors of its sources are stored). */
  protected Verdict outside(String path, String bare, TreeView view) {
    return new Verdict(path, false, Reason.OUTSIDE_SOURCES, null, null);
  }

  public List<Verdict> evaluate(List<String> paths, TreeFacts facts) {
    TreeView view = new TreeView(paths, facts);
    Map<String, State>[] memo = newMemo();
    List<Verdict> out = new ArrayList<>(paths.size());
    for (String p : paths) {
      out.add(verdict(p, view, memo, null));
    }
    return out;
  }

  public RuleTrace explain(String path, TreeFacts facts) {
    TreeView view = new TreeView(List.of(path), facts);
    List<RuleTrace.Step> steps = new ArrayList<>();
    Verdict v = verdict(path, view, null, steps);
    return new RuleTrace(v, List.copyOf(steps));
  }

  @SuppressWarnings("unchecked")
  private Map<String, State>[] newMemo() {
    Map<String, State>[] memo = new Map[roots.size()];
    for (int i = 0; i < memo.length; i++) {
      memo[i] = new HashMap<>();
    }
    return memo;
  }

  private Verdict verdict(
      String path, TreeView view, Map<String, State>[] memo, List<RuleTrace.Step> trace) {
    String bare = PathNames.bare(PathNames.clean(path));
    boolean dir = PathNames.isDir(path) || bare.equals("/");
    Verdict first = null;
    for (int r = 0; r < roots.size(); r++) {
      String root = roots.get(r);
      if (!PathNames.isUnder(bare, root)) {
        continue;
      }
      Verdict v =
          verdictUnder(r, root, path, bare, dir, view, memo == null ? null : memo[r], trace);
      if (v.included()) {
        return v;
      }
      if (first == null) {
        first = v;
      }
    }
    return first != null ? first : outside(path, bare, view);
  }

  private Verdict verdictUnder(
      int r,
      String root,
      String path,
      String bare,
      boolean dir,
      TreeView view,
      Map<String, State> memo,
      List<RuleTrace.Step> trace) {
    State parent = null;
    String parentBare = null;
    if (!bare.equals(root)) {
      parentBare = PathNames.parent(bare);
      parent = dirState(r, root, parentBare, view, memo, trace);
    }
    State s;
    if (parent == null) {
      s = rootState(r, bare, dir, view, trace);
    } else if (!parent.descend()) {
      return new Verdict(
          path, false, parent.childReason(), parent.childRule(), parent.childAncestor());
    } else {
      s = childState(r, parent, bare, dir, view, trace);
    }
    if (s.stored()) {
      return Verdict.included(path);
    }
    return new Verdict(path, false, s.reason(), s.rule(), s.ancestor());
  }

  private State dirState(
      int r,
      String root,
      String bare,
      TreeView view,
      Map<String, State> memo,
      List<RuleTrace.Step> trace) {
    if (memo != null) {
      State known = memo.get(bare);
      if (known != null) {
        return known;
      }
    }
    State s;
    if (bare.equals(root)) {
      s = rootState(r, bare, true, view, trace);
    } else {
      State parent = dirState(r, root, PathNames.parent(bare), view, memo, trace);
      if (!parent.descend()) {
        s = parent;
      } else {
        s = childState(r, parent, bare, true, view, trace);
      }
    }
    if (s.descend() && view.isSymlink(bare)) {
      // a symlink is stored as a link and never followed: nothing is reached through it
      s =
          new State(
              s.stored(),
              s.reason(),
              s.rule(),
              s.ancestor(),
              false,
              Reason.OUTSIDE_SOURCES,
              null,
              bare,
              s.flags());
    }
    if (memo != null) {
      memo.put(bare, s);
    }
    return s;
  }
}
