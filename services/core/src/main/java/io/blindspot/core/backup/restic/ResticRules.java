package io.blindspot.core.backup.restic;

import static io.blindspot.core.backup.glob.ArgvOption.Arg.NONE;
import static io.blindspot.core.backup.glob.ArgvOption.Arg.OPTIONAL;
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
import io.blindspot.core.backup.glob.ArgvOption;
import io.blindspot.core.backup.glob.Glob;
import io.blindspot.core.backup.glob.PathNames;
import io.blindspot.core.backup.glob.TreeView;
import io.blindspot.core.backup.glob.TreeWalker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * restic 0.14 {@code backup} semantics.
 *
 * <ul>
 *   <li>The snapshot holds every source and, as directories, every ancestor of a source (but no
 *       node for "/" itself). Ancestors are stored whatever the excludes say; a source itself is
 *       subject to them.
 *   <li>Patterns are matched against the absolute path. --exclude and --exclude-file patterns form
 *       one list (command-line patterns first, then the files' in order): the last matching pattern
 *       decides, a '!' pattern re-includes. --iexclude/--iexclude-file form a second, lower-cased
 *       list; either list excluding excludes. An excluded directory is not descended.
 *   <li>--exclude-if-present NAME[:HEADER] and --exclude-caches (CACHEDIR.TAG with its signature)
 *       exclude every entry of a directory holding the tag except the tag itself: the directory and
 *       the tag file are stored, nothing else.
 *   <li>--one-file-system: a directory on another device whose parent is on the source's device (a
 *       mount point) is stored, empty; everything else on another device is not.
 * </ul>
 */
final class ResticRules implements BackupRules {

  static final String CACHEDIR_SPEC = "CACHEDIR.TAG:Signature: 8a477f597d28d172789f06886806bc55";

  static final ArgvOption.Table OPTIONS = new ArgvOption.Table();

  static {
    ArgvOption.Table t = OPTIONS;
    t.add("exclude", REQUIRED, "-e", "--exclude");
    t.add("iexclude", REQUIRED, "--iexclude");
    t.add("exclude-file", REQUIRED, "--exclude-file");
    t.add("iexclude-file", REQUIRED, "--iexclude-file");
    t.add("exclude-caches", NONE, "--exclude-caches");
    t.add("exclude-if-present", REQUIRED, "--exclude-if-present");
    t.add("exclude-larger-than", REQUIRED, "--exclude-larger-than");
    t.add("files-from", REQUIRED, "--files-from");
    t.add("files-from-verbatim", REQUIRED, "--files-from-verbatim");
    t.add("files-from-raw", REQUIRED, "--files-from-raw");
    t.add("one-file-system", NONE, "-x", "--one-file-system");
    t.add("stdin", NONE, "--stdin");
    t.add("help", NONE, "-h", "--help");
    // no influence on which paths are stored
    for (String s :
        new String[] {
          "-n",
          "--dry-run",
          "-f",
          "--force",
          "--ignore-ctime",
          "--ignore-inode",
          "--with-atime",
          "--insecure-tls",
          "--json",
          "--no-cache",
          "--no-lock",
          "-q",
          "--quiet",
          "--cleanup-cache"
        }) {
      t.add("ignore", NONE, s);
    }
    t.add("ignore", OPTIONAL, "-v", "--verbose");
    for (String s :
        new String[] {
          "-H",
          "--host",
          "--parent",
          "--stdin-filename",
          "--tag",
          "--time",
          "--cacert",
          "--cache-dir",
          "--compression",
          "--key-hint",
          "--limit-download",
          "--limit-upload",
          "-o",
          "--option",
          "--pack-size",
          "--password-command",
          "-p",
          "--password-file",
          "-r",
          "--repo",
          "--repository-file",
          "--tls-client-cert"
        }) {
      t.add("ignore", REQUIRED, s);
    }
  }

  private final List<String> sources = new ArrayList<>();
  private final List<String> globSources = new ArrayList<>();
  private final List<ResticPattern> excludes = new ArrayList<>();
  private final List<ResticPattern> iexcludes = new ArrayList<>();
  private final List<Tag> tags = new ArrayList<>();
  private final List<Caveat> caveats = new ArrayList<>();
  private RuleRef oneFileSystem;

  /** An --exclude-if-present tag. */
  record Tag(String name, String header, RuleRef ref) {}

  private ResticRules() {}

  static ResticRules parse(BackupJob job) throws JobConfigException {
    ResticRules r = new ResticRules();
    r.parseArgv(job);
    return r;
  }

  private void parseArgv(BackupJob job) throws JobConfigException {
    List<String> argv = job.command();
    int i = 1;
    // "restic [global flags] backup [flags] paths": global flags may precede the command
    List<String> cmdExcl = new ArrayList<>();
    List<RuleRef> cmdExclRefs = new ArrayList<>();
    List<String[]> exclFiles = new ArrayList<>();
    List<String> icmd = new ArrayList<>();
    List<RuleRef> icmdRefs = new ArrayList<>();
    List<String[]> iexclFiles = new ArrayList<>();
    List<String[]> filesFrom = new ArrayList<>();
    boolean sawBackup = false;
    boolean onlyArgs = false;
    for (; i < argv.size(); i++) {
      String a = argv.get(i);
      if (onlyArgs || !a.startsWith("-") || a.equals("-")) {
        if (!sawBackup) {
          if (!a.equals("backup")) {
            throw new JobConfigException(
                RuleRef.COMMAND_LINE, i, "not a 'restic backup' command: '" + a + "'");
          }
          sawBackup = true;
          continue;
        }
        source(a, i);
        continue;
      }
      if (a.equals("--")) {
        onlyArgs = true;
        continue;
      }
      List<String[]> opts = new ArrayList<>(); // {key, spelled, arg}
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        ArgvOption o = exact(name);
        if (o == null) {
          throw new JobConfigException(
              RuleRef.COMMAND_LINE, i, "unknown restic option '" + name + "'");
        }
        String arg = eq < 0 ? null : a.substring(eq + 1);
        if (o.arg() == REQUIRED && arg == null) {
          if (i + 1 >= argv.size()) {
            throw new JobConfigException(
                RuleRef.COMMAND_LINE, i, "flag needs an argument: " + name);
          }
          arg = argv.get(++i);
        }
        opts.add(new String[] {o.key(), name, arg});
      } else {
        for (int k = 1; k < a.length(); k++) {
          ArgvOption o = OPTIONS.shortOption(a.charAt(k));
          if (o == null) {
            throw new JobConfigException(
                RuleRef.COMMAND_LINE, i, "unknown restic option '-" + a.charAt(k) + "'");
          }
          if (o.arg() == REQUIRED) {
            String arg;
            if (k + 1 < a.length()) {
              arg = a.substring(k + 1);
              if (arg.startsWith("=")) {
                arg = arg.substring(1);
              }
            } else if (i + 1 < argv.size()) {
              arg = argv.get(++i);
            } else {
              throw new JobConfigException(
                  RuleRef.COMMAND_LINE, i, "flag needs an argument: -" + a.charAt(k));
            }
            opts.add(new String[] {o.key(), "-" + a.charAt(k), arg});
            break;
          }
          opts.add(new String[] {o.key(), "-" + a.charAt(k), null});
        }
      }
      int at = i;
      for (String[] o : opts) {
        String key = o[0];
        String arg = o[2];
        RuleRef ref = new RuleRef(RuleRef.COMMAND_LINE, at, o[1] + (arg == null ? "" : " " + arg));
        switch (key) {
          case "exclude" -> {
            if (!arg.isEmpty()) {
              cmdExcl.add(arg);
              cmdExclRefs.add(ref);
            }
          }
          case "iexclude" -> {
            if (!arg.isEmpty()) {
              icmd.add(arg);
              icmdRefs.add(ref);
            }
          }
          case "exclude-file" -> exclFiles.add(new String[] {arg});
          case "iexclude-file" -> iexclFiles.add(new String[] {arg});
          case "exclude-caches" ->
              tags.add(new Tag("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55", ref));
          case "exclude-if-present" -> {
            int colon = arg.indexOf(':');
            if (colon == 0 || arg.isEmpty()) {
              throw new JobConfigException(
                  RuleRef.COMMAND_LINE, at, "no name for exclusion tagfile provided");
            }
            tags.add(
                colon > 0
                    ? new Tag(arg.substring(0, colon), arg.substring(colon + 1), ref)
                    : new Tag(arg, "", ref));
          }
          case "exclude-larger-than" ->
              caveats.add(
                  new Caveat(
                      ref.text(),
                      "files larger than " + arg + " are not stored; verdicts ignore sizes"));
          case "files-from", "files-from-verbatim", "files-from-raw" ->
              filesFrom.add(new String[] {key, arg});
          case "one-file-system" -> oneFileSystem = ref;
          case "stdin" ->
              caveats.add(
                  new Caveat(ref.text(), "backs up standard input, not files: no path is stored"));
          case "help" ->
              throw new JobConfigException(
                  RuleRef.COMMAND_LINE, at, "--help: the command backs nothing up");
          case "ignore" -> {}
          default -> throw new IllegalStateException(key);
        }
      }
    }
    if (!sawBackup) {
      throw new JobConfigException(RuleRef.COMMAND_LINE, 0, "not a 'restic backup' command");
    }
    for (String[] ff : filesFrom) {
      readFilesFrom(job, ff[0], ff[1]);
    }
    for (int k = 0; k < cmdExcl.size(); k++) {
      excludes.add(pattern(cmdExcl.get(k), cmdExclRefs.get(k), false));
    }
    for (String[] f : exclFiles) {
      readPatternFile(job, f[0], excludes, false);
    }
    for (int k = 0; k < icmd.size(); k++) {
      iexcludes.add(pattern(icmd.get(k), icmdRefs.get(k), true));
    }
    for (String[] f : iexclFiles) {
      readPatternFile(job, f[0], iexcludes, true);
    }
    if (sources.isEmpty()
        && globSources.isEmpty()
        && caveats.stream().noneMatch(c -> c.option().startsWith("--stdin"))) {
      throw new JobConfigException(
          RuleRef.COMMAND_LINE, 0, "nothing to backup, please specify target files/dirs");
    }
  }

  private static ArgvOption exact(String name) {
    ArgvOption o = OPTIONS.longOption(name);
    // pflag accepts no abbreviations
    return o != null && o.names().contains(name) ? o : null;
  }

  private static ResticPattern pattern(String p, RuleRef ref, boolean lower)
      throws JobConfigException {
    ResticPattern rp = new ResticPattern(p, ref, lower);
    if (rp.isBad()) {
      throw new JobConfigException(
          ref.file(), ref.line(), "invalid pattern(s) provided: " + p + " (restic refuses to run)");
    }
    return rp;
  }

  private void source(String s, int index) throws JobConfigException {
    if (!s.startsWith("/")) {
      throw new JobConfigException(
          RuleRef.COMMAND_LINE,
          index,
          "relative source '" + s + "': the working directory is unknown");
    }
    sources.add(PathNames.clean(s));
  }

  private static String content(BackupJob job, String name) throws JobConfigException {
    String c = job.files().get(name);
    if (c == null) {
      throw new JobConfigException(name, 0, "file is missing from the job's files");
    }
    return c;
  }

  private void readPatternFile(BackupJob job, String name, List<ResticPattern> into, boolean lower)
      throws JobConfigException {
    String c = content(job, name);
    String[] lines = c.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.contains("$")) {
        caveats.add(
            new Caveat(
                name + ":" + (n + 1),
                "restic expands environment variables in exclude files; the job's environment is"
                    + " unknown, so they are taken as empty"));
        line = expandEnvEmpty(line);
      }
      into.add(pattern(line, new RuleRef(name, n + 1, lines[n]), lower));
    }
  }

  /** Go's os.ExpandEnv with an empty environment. */
  static String expandEnvEmpty(String s) {
    return s.replaceAll("\\$\\{[^}]*\\}", "").replaceAll("\\$[A-Za-z0-9_]+", "");
  }

  private void readFilesFrom(BackupJob job, String kind, String name) throws JobConfigException {
    String c = content(job, name);
    if (kind.equals("files-from-raw")) {
      for (String p : c.split("\0")) {
        if (!p.isEmpty()) {
          source(p, 0);
        }
      }
      return;
    }
    String[] lines = c.split("\n", -1);
    for (String raw : lines) {
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (kind.equals("files-from-verbatim")) {
        if (!line.isEmpty()) {
          source(line, 0);
        }
        continue;
      }
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (Glob.hasWildcards(line, true)) {
        if (!line.startsWith("/")) {
          throw new JobConfigException(
              name, 0, "relative glob '" + line + "': the working directory is unknown");
        }
        globSources.add(PathNames.clean(line));
      } else {
        source(line, 0);
      }
    }
  }

  @Override
  public List<String> sources() {
    List<String> all = new ArrayList<>(sources);
    all.addAll(globSources);
    return List.copyOf(all);
  }

  @Override
  public List<Caveat> caveats() {
    return List.copyOf(caveats);
  }

  @Override
  public List<Verdict> evaluate(List<String> paths, TreeFacts facts) {
    return walker(paths).evaluate(paths, facts);
  }

  @Override
  public RuleTrace explain(String path, TreeFacts facts) {
    List<String> known = new ArrayList<>(facts == null ? List.of() : facts.fileContents().keySet());
    known.add(path);
    return walker(known).explain(path, facts);
  }

  private Walker walker(List<String> paths) {
    List<String> roots = new ArrayList<>(sources);
    if (!globSources.isEmpty()) {
      TreeSet<String> expanded = new TreeSet<>();
      for (String p : paths) {
        String b = PathNames.bare(p);
        for (String g : globSources) {
          if (globMatches(g, b)) {
            expanded.add(b);
          }
        }
      }
      roots.addAll(expanded);
    }
    return new Walker(roots);
  }

  /** filepath.Glob: every component matched with filepath.Match. */
  static boolean globMatches(String glob, String bare) {
    String[] g = glob.split("/", -1);
    String[] p = bare.split("/", -1);
    if (g.length != p.length) {
      return false;
    }
    for (int i = 1; i < g.length; i++) {
      if (!Glob.goMatch(g[i], p[i])) {
        return false;
      }
    }
    return true;
  }

  /** restic's filter.List: the last matching pattern decides; a negated one un-matches. */
  static ResticPattern listMatch(
      List<ResticPattern> patterns, int[][] strs, String path, List<RuleTrace.Step> trace) {
    ResticPattern matched = null;
    int lastStep = -1;
    for (ResticPattern p : patterns) {
      boolean m = p.matches(strs);
      if (trace != null) {
        trace.add(new RuleTrace.Step(path, p.ref, m, false));
        if (m) {
          lastStep = trace.size() - 1;
        }
      }
      if (p.negated) {
        if (m) {
          matched = null;
        }
      } else if (m) {
        matched = p;
      }
    }
    if (trace != null && lastStep >= 0) {
      // the last matching pattern decides (a negated one by re-including)
      RuleTrace.Step s = trace.get(lastStep);
      trace.set(lastStep, new RuleTrace.Step(s.path(), s.rule(), true, true));
    }
    return matched;
  }

  private final class Walker extends TreeWalker {
    Walker(List<String> roots) {
      super(roots);
    }

    @Override
    protected Verdict outside(String path, String bare, TreeView view) {
      if (!bare.equals("/")) {
        for (String r : roots()) {
          if (PathNames.isUnder(r, bare) && !r.equals(bare)) {
            return Verdict.included(path);
          }
        }
      }
      return super.outside(path, bare, view);
    }

    @Override
    protected State rootState(
        int root, String bare, boolean dir, TreeView view, List<RuleTrace.Step> trace) {
      if (bare.equals("/")) {
        // the snapshot's root tree: no node of its own
        return new State(false, Reason.OUTSIDE_SOURCES, null, null, true, null, null, null, 0);
      }
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
      return node(root, bare, dir, view, trace);
    }

    private State node(
        int root, String bare, boolean dir, TreeView view, List<RuleTrace.Step> trace) {
      String shown = PathNames.notation(bare, dir);
      if (!iexcludes.isEmpty()) {
        int[][] lower = ResticPattern.components(bare.toLowerCase(Locale.ROOT));
        ResticPattern hit = listMatch(iexcludes, lower, shown, trace);
        if (hit != null) {
          return State.excluded(Reason.EXCLUDED_BY_RULE, hit.ref, null, bare);
        }
      }
      if (!excludes.isEmpty()) {
        ResticPattern hit = listMatch(excludes, ResticPattern.components(bare), shown, trace);
        if (hit != null) {
          return State.excluded(Reason.EXCLUDED_BY_RULE, hit.ref, null, bare);
        }
      }
      String parent = PathNames.parent(bare);
      if (parent != null) {
        for (Tag t : tags) {
          if (PathNames.baseName(bare).equals(t.name())) {
            continue;
          }
          String tagFile = PathNames.child(parent, t.name());
          boolean present = view.exists(tagFile);
          if (present && !t.header().isEmpty()) {
            String c = view.content(tagFile);
            present = c != null && c.startsWith(t.header());
          }
          if (trace != null) {
            trace.add(new RuleTrace.Step(shown, t.ref(), present, present));
          }
          if (present) {
            return State.excluded(Reason.EXCLUDED_BY_MARKER, t.ref(), parent, bare);
          }
        }
      }
      if (oneFileSystem != null && view.hasMounts()) {
        String allowed = view.device(roots().get(root));
        if (!view.device(bare).equals(allowed)) {
          if (dir && parent != null && view.device(parent).equals(allowed)) {
            return State.storedOnly(Reason.OTHER_FILESYSTEM, oneFileSystem, bare);
          }
          return State.excluded(Reason.OTHER_FILESYSTEM, oneFileSystem, bare, bare);
        }
      }
      return State.included(dir, 0);
    }
  }
}
