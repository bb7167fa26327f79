package io.blindspot.core.backup.borg;

import static io.blindspot.core.backup.glob.ArgvOption.Arg.NONE;
import static io.blindspot.core.backup.glob.ArgvOption.Arg.REQUIRED;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.Caveat;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.Reason;
import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.backup.RuleTrace;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import io.blindspot.core.backup.borg.BorgPattern.Command;
import io.blindspot.core.backup.glob.ArgvOption;
import io.blindspot.core.backup.glob.PathNames;
import io.blindspot.core.backup.glob.TreeView;
import io.blindspot.core.backup.glob.TreeWalker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * borg 1.2 {@code create} semantics (borg/archiver.py _rec_walk, borg/patterns.py).
 *
 * <ul>
 *   <li>Only the given paths (and R roots of pattern files) and what borg finds below them are
 *       stored, without the leading '/'; parents of the paths are not.
 *   <li>One ordered list of patterns: --exclude/-e (style fm by default, "exclude, don't recurse"),
 *       --exclude-from (same), --pattern and --patterns-from lines ("+" include, "-" exclude but
 *       recurse, "!" exclude, don't recurse; style sh by default, "P style" changes it for the
 *       following lines of that file). pf: patterns are looked up before all others. The first
 *       matching pattern decides; no match means included. Every path is tested, also the given
 *       ones.
 *   <li>A directory excluded by a "-" pattern is not stored but still descended into: a "+" pattern
 *       can bring back entries below it (stored without their parents).
 *   <li>--exclude-caches / --exclude-if-present: a tagged directory is not stored, nor anything in
 *       it; with --keep-exclude-tags the directory and the tag objects are stored.
 *   <li>--one-file-system: a directory on another device than the given path's is stored (when not
 *       excluded) but not descended into, and no tags are looked for there.
 * </ul>
 */
final class BorgRules implements BackupRules {
  private static final String CACHEDIR_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55";
  private static final int TAGGED = 1;

  static final ArgvOption.Table OPTIONS = new ArgvOption.Table();

  static {
    ArgvOption.Table t = OPTIONS;
    t.add("exclude", REQUIRED, "-e", "--exclude");
    t.add("exclude-from", REQUIRED, "--exclude-from");
    t.add("pattern", REQUIRED, "--pattern");
    t.add("patterns-from", REQUIRED, "--patterns-from");
    t.add("exclude-caches", NONE, "--exclude-caches");
    t.add("exclude-if-present", REQUIRED, "--exclude-if-present");
    t.add("keep-exclude-tags", NONE, "--keep-exclude-tags");
    t.add("exclude-nodump", NONE, "--exclude-nodump");
    t.add("one-file-system", NONE, "-x", "--one-file-system");
    t.add("dry-run", NONE, "-n", "--dry-run");
    t.add("stdin", NONE, "--content-from-command", "--paths-from-stdin", "--paths-from-command");
    t.add("help", NONE, "-h", "--help");
    for (String s :
        new String[] {
          "--critical",
          "--error",
          "--warning",
          "--info",
          "-v",
          "--verbose",
          "--debug",
          "-p",
          "--progress",
          "--iec",
          "--log-json",
          "--bypass-lock",
          "--show-version",
          "--show-rc",
          "--consider-part-files",
          "-s",
          "--stats",
          "--list",
          "--json",
          "--no-cache-sync",
          "--numeric-owner",
          "--numeric-ids",
          "--noatime",
          "--atime",
          "--noctime",
          "--nobirthtime",
          "--nobsdflags",
          "--noflags",
          "--noacls",
          "--noxattrs",
          "--sparse",
          "--read-special"
        }) {
      t.add("ignore", NONE, s);
    }
    for (String s :
        new String[] {
          "--debug-topic",
          "--lock-wait",
          "--umask",
          "--remote-path",
          "--remote-ratelimit",
          "--upload-ratelimit",
          "--remote-buffer",
          "--upload-buffer",
          "--debug-profile",
          "--rsh",
          "--filter",
          "--stdin-name",
          "--stdin-user",
          "--stdin-group",
          "--stdin-mode",
          "--paths-delimiter",
          "--files-cache",
          "--comment",
          "--timestamp",
          "-c",
          "--checkpoint-interval",
          "--chunker-params",
          "-C",
          "--compression"
        }) {
      t.add("ignore", REQUIRED, s);
    }
  }

  /** A tag that marks a directory as excluded. */
  record Tag(String name, boolean cachedir, RuleRef ref) {}

  private final List<String> paths = new ArrayList<>();
  private final List<BorgPattern> patterns = new ArrayList<>();
  private final Map<String, BorgPattern> fullPath = new LinkedHashMap<>();
  private final List<Tag> tags = new ArrayList<>();
  private final List<Caveat> caveats = new ArrayList<>();
  private boolean keepTags;
  private RuleRef oneFileSystem;
  private String archive;
  private Walker walker;

  private BorgRules() {}

  static BorgRules parse(BackupJob job) throws JobConfigException {
    BorgRules r = new BorgRules();
    r.parseArgv(job);
    r.walker = r.new Walker(r.paths);
    return r;
  }

  private void parseArgv(BackupJob job) throws JobConfigException {
    List<String> argv = job.command();
    boolean sawCreate = false;
    boolean onlyArgs = false;
    boolean inPositionals = false;
    boolean positionalsDone = false;
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (onlyArgs || !a.startsWith("-") || a.equals("-")) {
        if (!sawCreate) {
          if (!a.equals("create")) {
            throw new JobConfigException(
                RuleRef.COMMAND_LINE, i, "not a 'borg create' command: '" + a + "'");
          }
          sawCreate = true;
        } else if (positionalsDone) {
          // argparse consumes ARCHIVE and PATH... as one run of positionals
          throw new JobConfigException(
              RuleRef.COMMAND_LINE, i, "borg: error: unrecognized arguments: " + a);
        } else if (archive == null) {
          archive = a;
          inPositionals = true;
        } else {
          path(a, new RuleRef(RuleRef.COMMAND_LINE, i, a));
        }
        continue;
      }
      if (inPositionals) {
        positionalsDone = true;
      }
      if (a.equals("--")) {
        onlyArgs = true;
        continue;
      }
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        ArgvOption o = OPTIONS.longOption(name);
        if (o == null) {
          throw new JobConfigException(
              RuleRef.COMMAND_LINE, i, "unknown borg create option '" + name + "'");
        }
        String arg = eq < 0 ? null : a.substring(eq + 1);
        int at = i;
        if (o.arg() == NONE && arg != null) {
          throw new JobConfigException(
              RuleRef.COMMAND_LINE, i, "option " + name + " takes no argument");
        }
        if (o.arg() == REQUIRED && arg == null) {
          if (i + 1 >= argv.size()) {
            throw new JobConfigException(
                RuleRef.COMMAND_LINE, i, "option " + name + " expects one argument");
          }
          arg = argv.get(++i);
          requireArgparseValue(name, arg, i);
        }
        apply(
            job,
            o,
            a,
            arg,
            new RuleRef(RuleRef.COMMAND_LINE, at, eq < 0 && arg != null ? a + " " + arg : a));
        continue;
      }
      for (int k = 1; k < a.length(); k++) {
        ArgvOption o = OPTIONS.shortOption(a.charAt(k));
        if (o == null) {
          throw new JobConfigException(
              RuleRef.COMMAND_LINE, i, "unknown borg create option '-" + a.charAt(k) + "'");
        }
        if (o.arg() == REQUIRED) {
          String arg;
          int at = i;
          if (k + 1 < a.length()) {
            arg = a.substring(k + 1);
          } else if (i + 1 < argv.size()) {
            arg = argv.get(++i);
            requireArgparseValue("-" + a.charAt(k), arg, i);
          } else {
            throw new JobConfigException(
                RuleRef.COMMAND_LINE, i, "option -" + a.charAt(k) + " expects one argument");
          }
          apply(
              job,
              o,
              "-" + a.charAt(k),
              arg,
              new RuleRef(RuleRef.COMMAND_LINE, at, "-" + a.charAt(k) + " " + arg));
          break;
        }
        apply(
            job,
            o,
            "-" + a.charAt(k),
            null,
            new RuleRef(RuleRef.COMMAND_LINE, i, "-" + a.charAt(k)));
      }
    }
    if (!sawCreate) {
      throw new JobConfigException(RuleRef.COMMAND_LINE, 0, "not a 'borg create' command");
    }
    if (archive == null) {
      throw new JobConfigException(
          RuleRef.COMMAND_LINE, 0, "borg create: the following arguments are required: ARCHIVE");
    }
  }

  /**
   * argparse takes a separate argument that starts with '-' (not "-" alone, no space in it, not a
   * negative number) for an option, so "--pattern -/tmp" fails: "expected one argument".
   */
  private static void requireArgparseValue(String option, String value, int index)
      throws JobConfigException {
    if (value.startsWith("-")
        && value.length() > 1
        && !value.contains(" ")
        && !value.matches("-\\d+$|-\\d*\\.\\d+$")) {
      throw new JobConfigException(
          RuleRef.COMMAND_LINE,
          index,
          "argument "
              + option
              + ": expected one argument (argparse reads '"
              + value
              + "' as an option; write "
              + option
              + "="
              + value
              + ")");
    }
  }

  private void apply(BackupJob job, ArgvOption o, String spelled, String arg, RuleRef ref)
      throws JobConfigException {
    switch (o.key()) {
      case "exclude" -> addPattern(BorgPattern.parse(arg, "fm", Command.EXCLUDE_NO_RECURSE, ref));
      case "exclude-from" -> {
        String[] lines = content(job, arg).split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
          String l = lines[n].strip();
          if (l.isEmpty() || l.startsWith("#")) {
            continue;
          }
          addPattern(
              BorgPattern.parse(l, "fm", Command.EXCLUDE_NO_RECURSE, new RuleRef(arg, n + 1, l)));
        }
      }
      case "pattern" -> patternLine(arg, "sh", ref);
      case "patterns-from" -> {
        String[] lines = content(job, arg).split("\n", -1);
        String style = "sh";
        for (int n = 0; n < lines.length; n++) {
          String l = lines[n].strip();
          if (l.isEmpty() || l.startsWith("#")) {
            continue;
          }
          style = patternLine(l, style, new RuleRef(arg, n + 1, l));
        }
      }
      case "exclude-caches" -> tags.add(new Tag("CACHEDIR.TAG", true, ref));
      case "exclude-if-present" -> tags.add(new Tag(arg, false, ref));
      case "keep-exclude-tags" -> keepTags = true;
      case "exclude-nodump" ->
          caveats.add(
              new Caveat(
                  ref.text(), "files with the nodump flag are not stored; flags are unknown"));
      case "one-file-system" -> oneFileSystem = ref;
      case "dry-run" ->
          caveats.add(
              new Caveat(
                  ref.text(), "dry run: borg stores nothing; verdicts tell what a real run would"));
      case "stdin" ->
          throw new JobConfigException(
              RuleRef.COMMAND_LINE,
              ref.line(),
              spelled + ": the paths come from a command or stdin and cannot be evaluated");
      case "help" ->
          throw new JobConfigException(
              RuleRef.COMMAND_LINE, ref.line(), "--help: the command backs nothing up");
      case "ignore" -> {}
      default -> throw new IllegalStateException(o.key());
    }
  }

  /** One --pattern / --patterns-from line; returns the style in force afterwards. */
  private String patternLine(String line, String style, RuleRef ref) throws JobConfigException {
    if (line.isEmpty()) {
      throw new JobConfigException(ref.file(), ref.line(), "A pattern/command must not be empty.");
    }
    char c = line.charAt(0);
    String rest = line.substring(1).stripLeading();
    if ("-!+RrPp".indexOf(c) < 0) {
      throw new JobConfigException(
          ref.file(),
          ref.line(),
          "A pattern/command must start with anyone of: -, !, +, R, r, P, p");
    }
    if (rest.isEmpty()) {
      throw new JobConfigException(
          ref.file(), ref.line(), "A pattern/command must have a value part.");
    }
    switch (c) {
      case 'R', 'r' -> path(rest, ref);
      case 'P', 'p' -> {
        if (!List.of("fm", "sh", "re", "pp", "pf").contains(rest)) {
          throw new JobConfigException(ref.file(), ref.line(), "Invalid pattern style: " + rest);
        }
        return rest;
      }
      case '+' -> addPattern(BorgPattern.parse(rest, style, Command.INCLUDE, ref));
      case '-' -> addPattern(BorgPattern.parse(rest, style, Command.EXCLUDE, ref));
      default -> addPattern(BorgPattern.parse(rest, style, Command.EXCLUDE_NO_RECURSE, ref));
    }
    return style;
  }

  private void addPattern(BorgPattern p) {
    if (p.isFullPath()) {
      fullPath.put(p.fullPath(), p);
    } else {
      patterns.add(p);
    }
  }

  private static String content(BackupJob job, String name) throws JobConfigException {
    String c = job.files().get(name);
    if (c == null) {
      throw new JobConfigException(name, 0, "file is missing from the job's files");
    }
    return c;
  }

  private void path(String p, RuleRef ref) throws JobConfigException {
    if (!p.startsWith("/")) {
      throw new JobConfigException(
          ref.file(), ref.line(), "relative path '" + p + "': the working directory is unknown");
    }
    paths.add(PathNames.clean(p));
  }

  /** The first pattern matching (pf ones first), or null; borg's PatternMatcher.match. */
  BorgPattern match(String bare, String shown, List<RuleTrace.Step> trace) {
    String path = BorgPattern.lstripSlash(bare);
    BorgPattern full = fullPath.get(path);
    if (trace != null) {
      for (BorgPattern p : fullPath.values()) {
        trace.add(new RuleTrace.Step(shown, p.ref, p == full, p == full));
      }
    }
    if (full != null) {
      return full;
    }
    for (BorgPattern p : patterns) {
      boolean m = p.matches(path);
      if (trace != null) {
        trace.add(new RuleTrace.Step(shown, p.ref, m, m));
      }
      if (m) {
        return p;
      }
    }
    return null;
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
    return List.copyOf(caveats);
  }

  @Override
  public List<String> sources() {
    return paths.stream().distinct().toList();
  }

  private final class Walker extends TreeWalker {
    Walker(List<String> roots) {
      super(roots);
    }

    @Override
    protected State rootState(
        int root, String bare, boolean dir, TreeView view, List<RuleTrace.Step> trace) {
      return node(root, bare, dir, view, trace);
    }

    @Override
    protected State childState(
        int root,
        State parent,
        String bare,
        boolean dir,
        TreeView view,
        List<RuleTrace.Step> trace) {
      if ((parent.flags() & TAGGED) != 0) {
        String name = PathNames.baseName(bare);
        String holder = PathNames.parent(bare);
        for (Tag t : tags) {
          if (t.name().equals(name) && tagged(t, holder, view)) {
            return node(root, bare, dir, view, trace);
          }
        }
        Tag tag = tags.get(parent.flags() >>> 1);
        return State.excluded(Reason.EXCLUDED_BY_MARKER, tag.ref(), holder, bare);
      }
      return node(root, bare, dir, view, trace);
    }

    private State node(
        int root, String bare, boolean dir, TreeView view, List<RuleTrace.Step> trace) {
      String shown = PathNames.notation(bare, dir);
      BorgPattern hit = match(bare, shown, trace);
      boolean excludedButRecursed = false;
      if (hit != null && hit.command != Command.INCLUDE) {
        if (!hit.recurseDir() || !dir) {
          return State.excluded(Reason.EXCLUDED_BY_RULE, hit.ref, null, bare);
        }
        excludedButRecursed = true;
      }
      boolean recurse =
          oneFileSystem == null
              || !view.hasMounts()
              || view.device(bare).equals(view.device(roots().get(root)));
      if (!dir) {
        return State.included(false, 0);
      }
      if (recurse) {
        Tag tag = null;
        int tagIndex = -1;
        for (int i = 0; i < tags.size(); i++) {
          Tag t = tags.get(i);
          boolean present = tagged(t, bare, view);
          if (trace != null) {
            trace.add(new RuleTrace.Step(shown, t.ref(), present, present && tag == null));
          }
          if (present && tag == null) {
            tag = t;
            tagIndex = i;
          }
        }
        if (tag != null) {
          if (excludedButRecursed) {
            return State.excluded(Reason.EXCLUDED_BY_RULE, hit.ref, null, bare);
          }
          if (keepTags) {
            return new State(
                true, Reason.INCLUDED, null, null, true, null, null, null, TAGGED | tagIndex << 1);
          }
          return State.excluded(Reason.EXCLUDED_BY_MARKER, tag.ref(), bare, bare);
        }
      }
      if (excludedButRecursed) {
        if (!recurse) {
          return new State(
              false,
              Reason.EXCLUDED_BY_RULE,
              hit.ref,
              null,
              false,
              Reason.OTHER_FILESYSTEM,
              oneFileSystem,
              bare,
              0);
        }
        return State.excludedDescend(hit.ref, 0);
      }
      if (!recurse) {
        return State.storedOnly(Reason.OTHER_FILESYSTEM, oneFileSystem, bare);
      }
      return State.included(true, 0);
    }

    private boolean tagged(Tag t, String dir, TreeView view) {
      String file = PathNames.child(dir, t.name());
      if (t.cachedir()) {
        String c = view.content(file);
        return c != null && c.startsWith(CACHEDIR_SIGNATURE);
      }
      return view.exists(file);
    }
  }
}
