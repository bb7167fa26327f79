package io.blindspot.core.backup.tar;

import static io.blindspot.core.backup.glob.ArgvOption.Arg.NONE;
import static io.blindspot.core.backup.glob.ArgvOption.Arg.OPTIONAL;
import static io.blindspot.core.backup.glob.ArgvOption.Arg.REQUIRED;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.Caveat;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.backup.glob.ArgvOption;
import io.blindspot.core.backup.glob.PathNames;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed GNU tar create command: the members in order, each with the positional exclusion state
 * (patterns, tags, recursion) in force when tar reached it.
 */
final class TarCommand {

  static final String CACHEDIR_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55";

  /** tar 1.34's vcs_file_table (--exclude-vcs). */
  static final List<String> VCS =
      List.of(
          "CVS",
          ".cvsignore",
          "RCS",
          "SCCS",
          ".svn",
          ".git",
          ".gitignore",
          ".gitattributes",
          ".gitmodules",
          ".arch-ids",
          "{arch}",
          "=RELEASE-ID",
          "=meta-update",
          "=update",
          ".bzr",
          ".bzrignore",
          ".bzrtags",
          ".hg",
          ".hgignore",
          ".hgtags",
          "_darcs");

  /** tar 1.34's backup_file_table (--exclude-backups). */
  static final List<String> BACKUPS = List.of(".#*", "*~", "#*#");

  /** An exclude pattern with the matching options in force when it was given. */
  record Pattern(
      String text,
      boolean wildcards,
      boolean anchored,
      boolean ignoreCase,
      boolean matchSlash,
      boolean leadingDir,
      RuleRef ref,
      int[] codePoints) {

    Pattern(
        String text,
        boolean wildcards,
        boolean anchored,
        boolean ignoreCase,
        boolean matchSlash,
        boolean leadingDir,
        RuleRef ref) {
      this(
          text,
          wildcards,
          anchored,
          ignoreCase,
          matchSlash,
          leadingDir,
          ref,
          ignoreCase
              ? io.blindspot.core.backup.glob.Glob.fold(text.codePoints().toArray())
              : text.codePoints().toArray());
    }
  }

  enum TagKind {
    CONTENTS,
    UNDER,
    ALL
  }

  /** A tag file that excludes the directory holding it (--exclude-tag*, --exclude-caches*). */
  record Tag(String name, boolean cachedir, TagKind kind, RuleRef ref) {}

  /**
   * A member as tar reaches it.
   *
   * @param literal the name tar matches patterns against (as given, trailing '/' removed)
   * @param abs the absolute, cleaned path
   */
  record Member(
      String literal,
      String abs,
      List<Pattern> excludes,
      List<Tag> tags,
      boolean recursion,
      RuleRef recursionRef,
      RuleRef ref) {}

  final List<Member> members = new ArrayList<>();
  final List<Caveat> caveats = new ArrayList<>();
  boolean oneFileSystem;
  RuleRef oneFileSystemRef;

  // positional state
  private final List<Pattern> excludes = new ArrayList<>();
  private final List<Tag> tags = new ArrayList<>();
  private boolean recursion = true;
  private RuleRef recursionRef;
  private boolean anchored;
  private boolean ignoreCase;
  private boolean wildcards = true;
  private boolean matchSlash = true;
  private boolean nullSep;
  private boolean verbatimFilesFrom;
  private String cwd;
  private String mode;
  private final List<Pattern> afterLast = new ArrayList<>();
  private final BackupJob job;

  static final ArgvOption.Table OPTIONS = new ArgvOption.Table();

  static {
    ArgvOption.Table t = OPTIONS;
    // operation modes
    t.add("create", NONE, "-c", "--create");
    t.add("append", NONE, "-r", "--append");
    t.add("update", NONE, "-u", "--update");
    t.add("othermode", NONE, "-A", "--catenate", "--concatenate");
    t.add("othermode", NONE, "--delete");
    t.add("othermode", NONE, "-d", "--diff", "--compare");
    t.add("othermode", NONE, "--test-label");
    t.add("othermode", NONE, "-t", "--list");
    t.add("othermode", NONE, "-x", "--extract", "--get");
    t.add("othermode", NONE, "--show-defaults", "--usage", "--version", "--help", "-?");
    // what is stored
    t.add("directory", REQUIRED, "-C", "--directory");
    t.add("exclude", REQUIRED, "--exclude");
    t.add("exclude-from", REQUIRED, "-X", "--exclude-from");
    t.add("exclude-backups", NONE, "--exclude-backups");
    t.add("exclude-caches", NONE, "--exclude-caches");
    t.add("exclude-caches-all", NONE, "--exclude-caches-all");
    t.add("exclude-caches-under", NONE, "--exclude-caches-under");
    t.add("exclude-tag", REQUIRED, "--exclude-tag");
    t.add("exclude-tag-all", REQUIRED, "--exclude-tag-all");
    t.add("exclude-tag-under", REQUIRED, "--exclude-tag-under");
    t.add("exclude-vcs", NONE, "--exclude-vcs");
    t.add("exclude-ignore", REQUIRED, "--exclude-ignore", "--exclude-ignore-recursive");
    t.add("exclude-vcs-ignores", NONE, "--exclude-vcs-ignores");
    t.add("anchored", NONE, "--anchored");
    t.add("no-anchored", NONE, "--no-anchored");
    t.add("ignore-case", NONE, "--ignore-case");
    t.add("no-ignore-case", NONE, "--no-ignore-case");
    t.add("wildcards", NONE, "--wildcards");
    t.add("no-wildcards", NONE, "--no-wildcards");
    t.add("wildcards-match-slash", NONE, "--wildcards-match-slash");
    t.add("no-wildcards-match-slash", NONE, "--no-wildcards-match-slash");
    t.add("recursion", NONE, "--recursion");
    t.add("no-recursion", NONE, "--no-recursion");
    t.add("files-from", REQUIRED, "-T", "--files-from");
    t.add("add-file", REQUIRED, "--add-file");
    t.add("null", NONE, "--null");
    t.add("no-null", NONE, "--no-null");
    t.add("verbatim-files-from", NONE, "--verbatim-files-from");
    t.add("no-verbatim-files-from", NONE, "--no-verbatim-files-from");
    t.add("ignore", NONE, "--unquote", "--no-unquote");
    t.add("one-file-system", NONE, "--one-file-system");
    t.add("dereference", NONE, "-h", "--dereference");
    t.add("incremental", REQUIRED, "-g", "--listed-incremental");
    t.add("incremental-old", NONE, "-G", "--incremental");
    t.add("level", REQUIRED, "--level");
    t.add("newer", REQUIRED, "-N", "--newer", "--after-date");
    t.add("newer", REQUIRED, "--newer-mtime");
    t.add("starting-file", REQUIRED, "-K", "--starting-file");
    t.add("remove-files", NONE, "--remove-files");
    t.add("interactive", NONE, "-w", "--interactive", "--confirmation");
    // options that do not change which paths are stored
    for (String s :
        new String[] {
          "--check-device",
          "--no-check-device",
          "--ignore-failed-read",
          "--no-seek",
          "-n",
          "--seek",
          "--sparse",
          "-S",
          "--keep-directory-symlink",
          "--keep-newer-files",
          "-k",
          "--keep-old-files",
          "--no-overwrite-dir",
          "--overwrite",
          "--overwrite-dir",
          "--recursive-unlink",
          "--skip-old-files",
          "-U",
          "--unlink-first",
          "-W",
          "--verify",
          "--ignore-command-error",
          "--no-ignore-command-error",
          "-O",
          "--to-stdout",
          "--clamp-mtime",
          "--delay-directory-restore",
          "--no-delay-directory-restore",
          "--no-same-owner",
          "--no-same-permissions",
          "--numeric-owner",
          "-m",
          "--touch",
          "-p",
          "--preserve-permissions",
          "--same-permissions",
          "--same-owner",
          "-s",
          "--preserve-order",
          "--same-order",
          "--preserve",
          "--acls",
          "--no-acls",
          "--no-selinux",
          "--no-xattrs",
          "--selinux",
          "--xattrs",
          "--force-local",
          "-M",
          "--multi-volume",
          "-B",
          "--read-full-records",
          "-i",
          "--ignore-zeros",
          "--old-archive",
          "--portability",
          "-o",
          "--posix",
          "-a",
          "--auto-compress",
          "-j",
          "--bzip2",
          "-J",
          "--xz",
          "--lzip",
          "--lzma",
          "--lzop",
          "--no-auto-compress",
          "--zstd",
          "-z",
          "--gzip",
          "--gunzip",
          "--ungzip",
          "-Z",
          "--compress",
          "--uncompress",
          "--hard-dereference",
          "-P",
          "--absolute-names",
          "--full-time",
          "-l",
          "--check-links",
          "-R",
          "--block-number",
          "--show-omitted-dirs",
          "--show-snapshot-field-ranges",
          "--show-transformed-names",
          "--show-stored-names",
          "--utc",
          "-v",
          "--verbose",
          "--restrict",
          "--no-quote-chars",
          "--totals",
          "--one-top-level",
          "--atime-preserve",
          "--checkpoint",
          "--backup",
          "--occurrence",
          "--no-unquote"
        }) {
      if (s.equals("--no-quote-chars")) {
        t.add("ignore", REQUIRED, s);
      } else if (s.equals("--totals")
          || s.equals("--one-top-level")
          || s.equals("--atime-preserve")
          || s.equals("--checkpoint")
          || s.equals("--backup")
          || s.equals("--occurrence")) {
        t.add("ignore", OPTIONAL, s);
      } else {
        t.add("ignore", NONE, s);
      }
    }
    for (String s :
        new String[] {
          "--hole-detection",
          "--sparse-version",
          "--to-command",
          "--group",
          "--group-map",
          "--mode",
          "--mtime",
          "--owner",
          "--owner-map",
          "--sort",
          "--xattrs-exclude",
          "--xattrs-include",
          "-f",
          "--file",
          "-F",
          "--info-script",
          "--new-volume-script",
          "-L",
          "--tape-length",
          "--rmt-command",
          "--rsh-command",
          "--volno-file",
          "-b",
          "--blocking-factor",
          "--record-size",
          "-H",
          "--format",
          "--pax-option",
          "-V",
          "--label",
          "-I",
          "--use-compress-program",
          "--suffix",
          "--strip-components",
          "--transform",
          "--xform",
          "--checkpoint-action",
          "--index-file",
          "--quote-chars",
          "--quoting-style",
          "--warning"
        }) {
      t.add("ignore", REQUIRED, s);
    }
  }

  private TarCommand(BackupJob job) {
    this.job = job;
  }

  static TarCommand parse(BackupJob job) throws JobConfigException {
    TarCommand c = new TarCommand(job);
    c.parseArgv(job.command());
    return c;
  }

  private void parseArgv(List<String> argv) throws JobConfigException {
    if (argv.isEmpty()) {
      throw new JobConfigException(null, 0, "empty tar command");
    }
    int i = 1;
    // traditional first argument: a bundle of option letters without a dash ("czf")
    if (argv.size() > 1 && !argv.get(1).startsWith("-") && !argv.get(1).isEmpty()) {
      String bundle = argv.get(1);
      int next = 2;
      for (char ch : bundle.toCharArray()) {
        ArgvOption o = OPTIONS.shortOption(ch);
        if (o == null) {
          throw unknown("-" + ch, 1);
        }
        String arg = null;
        if (o.arg() == REQUIRED) {
          if (next >= argv.size()) {
            throw new JobConfigException(
                RuleRef.COMMAND_LINE, 1, "option -" + ch + " requires an argument");
          }
          arg = argv.get(next++);
        }
        apply(o, "-" + ch, arg, ref(1, "-" + ch + (arg == null ? "" : " " + arg)));
      }
      i = next;
    }
    boolean onlyMembers = false;
    for (; i < argv.size(); i++) {
      String a = argv.get(i);
      if (onlyMembers || a.equals("-") || !a.startsWith("-")) {
        member(a, ref(i, a));
        continue;
      }
      if (a.equals("--")) {
        onlyMembers = true;
        continue;
      }
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        ArgvOption o = OPTIONS.longOption(name);
        if (o == null) {
          throw unknown(name, i);
        }
        String arg = eq < 0 ? null : a.substring(eq + 1);
        int at = i;
        if (o.arg() == NONE && arg != null) {
          throw new JobConfigException(
              RuleRef.COMMAND_LINE, i, "option " + name + " doesn't allow an argument");
        }
        if (o.arg() == REQUIRED && arg == null) {
          if (i + 1 >= argv.size()) {
            throw new JobConfigException(
                RuleRef.COMMAND_LINE, i, "option " + name + " requires an argument");
          }
          arg = argv.get(++i);
        }
        apply(o, name, arg, ref(at, arg == null || eq >= 0 ? a : a + " " + arg));
        continue;
      }
      // short option bundle "-czf"
      for (int k = 1; k < a.length(); k++) {
        char ch = a.charAt(k);
        ArgvOption o = OPTIONS.shortOption(ch);
        if (o == null) {
          throw unknown("-" + ch, i);
        }
        if (o.arg() == REQUIRED) {
          String arg;
          int at = i;
          if (k + 1 < a.length()) {
            arg = a.substring(k + 1);
          } else if (i + 1 < argv.size()) {
            arg = argv.get(++i);
          } else {
            throw new JobConfigException(
                RuleRef.COMMAND_LINE, i, "option -" + ch + " requires an argument");
          }
          apply(o, "-" + ch, arg, ref(at, "-" + ch + " " + arg));
          break;
        }
        apply(o, "-" + ch, null, ref(i, "-" + ch));
      }
    }
    if (mode == null) {
      throw new JobConfigException(
          RuleRef.COMMAND_LINE, 0, "tar command has no -c/--create (or -r/-u) mode");
    }
    for (Pattern p : afterLast) {
      caveats.add(
          new Caveat(
              p.ref().text(),
              "given after the last member: tar 1.34 applies it to no member (it warns \"has no"
                  + " effect\" and exits with status 2)"));
    }
  }

  private static JobConfigException unknown(String opt, int index) {
    return new JobConfigException(RuleRef.COMMAND_LINE, index, "unknown tar option '" + opt + "'");
  }

  private static RuleRef ref(int index, String text) {
    return new RuleRef(RuleRef.COMMAND_LINE, index, text);
  }

  private Pattern pattern(String text, boolean leadingDir, RuleRef ref) {
    return new Pattern(text, wildcards, anchored, ignoreCase, matchSlash, leadingDir, ref);
  }

  private void addExclude(Pattern p) {
    excludes.add(p);
    afterLast.add(p);
  }

  private void apply(ArgvOption o, String spelled, String arg, RuleRef ref)
      throws JobConfigException {
    switch (o.key()) {
      case "create", "append", "update" -> setMode(o.key(), spelled, ref);
      case "othermode" ->
          throw new JobConfigException(
              RuleRef.COMMAND_LINE,
              ref.line(),
              "tar option " + spelled + " is not a create mode; Blindspot evaluates tar -c only");
      case "directory" -> {
        cwd =
            cwd == null
                ? (arg.startsWith("/") ? PathNames.clean(arg) : null)
                : PathNames.resolve(cwd, arg);
        if (cwd == null) {
          throw new JobConfigException(
              RuleRef.COMMAND_LINE,
              ref.line(),
              "-C " + arg + ": relative directory while the working directory is unknown");
        }
      }
      case "exclude" -> addExclude(pattern(arg, true, ref));
      case "exclude-from" -> {
        String content = file(arg, ref);
        int line = 0;
        for (String l : content.split("\n", -1)) {
          line++;
          String t = l.stripTrailing();
          if (t.isEmpty()) {
            continue;
          }
          addExclude(pattern(t, true, new RuleRef(arg, line, t)));
        }
      }
      case "exclude-vcs" -> {
        for (String v : VCS) {
          addExclude(new Pattern(v, false, false, false, true, false, ref));
        }
      }
      case "exclude-backups" -> {
        for (String v : BACKUPS) {
          addExclude(new Pattern(v, true, false, false, true, false, ref));
        }
      }
      case "exclude-caches" -> tags.add(new Tag("CACHEDIR.TAG", true, TagKind.CONTENTS, ref));
      case "exclude-caches-under" -> tags.add(new Tag("CACHEDIR.TAG", true, TagKind.UNDER, ref));
      case "exclude-caches-all" -> tags.add(new Tag("CACHEDIR.TAG", true, TagKind.ALL, ref));
      case "exclude-tag" -> tags.add(new Tag(arg, false, TagKind.CONTENTS, ref));
      case "exclude-tag-under" -> tags.add(new Tag(arg, false, TagKind.UNDER, ref));
      case "exclude-tag-all" -> tags.add(new Tag(arg, false, TagKind.ALL, ref));
      case "exclude-ignore", "exclude-vcs-ignores" ->
          caveats.add(
              new Caveat(
                  ref.text(),
                  "per-directory ignore files are not evaluated: paths they exclude are reported as"
                      + " included"));
      case "anchored" -> anchored = true;
      case "no-anchored" -> anchored = false;
      case "ignore-case" -> ignoreCase = true;
      case "no-ignore-case" -> ignoreCase = false;
      case "wildcards" -> wildcards = true;
      case "no-wildcards" -> wildcards = false;
      case "wildcards-match-slash" -> matchSlash = true;
      case "no-wildcards-match-slash" -> matchSlash = false;
      case "recursion" -> {
        recursion = true;
        recursionRef = null;
      }
      case "no-recursion" -> {
        recursion = false;
        recursionRef = ref;
      }
      case "files-from" -> filesFrom(arg, ref);
      case "add-file" -> member(arg, ref);
      case "null" -> nullSep = true;
      case "no-null" -> nullSep = false;
      case "verbatim-files-from" -> verbatimFilesFrom = true;
      case "no-verbatim-files-from" -> verbatimFilesFrom = false;
      case "one-file-system" -> {
        oneFileSystem = true;
        oneFileSystemRef = ref;
      }
      case "dereference" ->
          caveats.add(
              new Caveat(
                  ref.text(),
                  "symlinks are followed: verdicts treat symlinks as links, what they point to is not"
                      + " evaluated"));
      case "incremental", "incremental-old", "level" ->
          caveats.add(
              new Caveat(
                  ref.text(),
                  "incremental archive: only files changed since the previous level are stored"
                      + " (directories always are); verdicts tell what the full level stores"));
      case "newer" ->
          caveats.add(
              new Caveat(
                  ref.text(),
                  "only files newer than the given date are stored (directories always are);"
                      + " verdicts ignore the date"));
      case "starting-file" ->
          caveats.add(new Caveat(ref.text(), "members before the starting file are skipped"));
      case "remove-files" -> {}
      case "interactive" ->
          caveats.add(
              new Caveat(ref.text(), "each file is confirmed interactively; verdicts assume yes"));
      case "ignore" -> {}
      default -> throw new IllegalStateException(o.key());
    }
  }

  private void setMode(String m, String spelled, RuleRef ref) throws JobConfigException {
    if (mode != null && !mode.equals(m)) {
      throw new JobConfigException(
          RuleRef.COMMAND_LINE,
          ref.line(),
          "tar: you may not specify more than one mode (" + spelled + ")");
    }
    mode = m;
  }

  private String file(String name, RuleRef ref) throws JobConfigException {
    String path = name.startsWith("/") || cwd == null ? name : PathNames.resolve(cwd, name);
    String content = job.files().get(path);
    if (content == null) {
      content = job.files().get(name);
    }
    if (content == null) {
      throw new JobConfigException(
          path, 0, "file named by " + ref.text() + " is missing from the job's files");
    }
    return content;
  }

  private void filesFrom(String name, RuleRef ref) throws JobConfigException {
    String content = file(name, ref);
    String[] lines = content.split(nullSep ? "\0" : "\n", -1);
    int line = 0;
    for (String l : lines) {
      line++;
      if (l.isEmpty()) {
        continue;
      }
      RuleRef at = new RuleRef(name, line, l);
      if (!verbatimFilesFrom && !nullSep && l.startsWith("-")) {
        // an option line ("-C /etc", "--exclude=x")
        String opt = l;
        String arg = null;
        if (l.startsWith("--")) {
          int eq = l.indexOf('=');
          if (eq > 0) {
            opt = l.substring(0, eq);
            arg = l.substring(eq + 1);
          }
        } else {
          int sp = l.indexOf(' ');
          if (sp > 0) {
            opt = l.substring(0, sp);
            arg = l.substring(sp + 1).strip();
          } else if (l.length() > 2) {
            opt = l.substring(0, 2);
            arg = l.substring(2);
          }
        }
        ArgvOption o =
            opt.startsWith("--") ? OPTIONS.longOption(opt) : OPTIONS.shortOption(opt.charAt(1));
        if (o == null) {
          throw new JobConfigException(name, line, "unknown tar option '" + opt + "' in file list");
        }
        apply(o, opt, arg, at);
        continue;
      }
      member(l, at);
    }
  }

  private void member(String name, RuleRef ref) throws JobConfigException {
    String literal = name;
    while (literal.length() > 1 && literal.endsWith("/")) {
      literal = literal.substring(0, literal.length() - 1);
    }
    String abs;
    if (name.startsWith("/")) {
      abs = PathNames.clean(name);
    } else if (cwd != null) {
      abs = PathNames.resolve(cwd, name);
    } else {
      throw new JobConfigException(
          ref.file(),
          ref.line(),
          "relative member '"
              + name
              + "' without a preceding absolute -C: the working directory"
              + " is unknown");
    }
    members.add(
        new Member(
            literal, abs, List.copyOf(excludes), List.copyOf(tags), recursion, recursionRef, ref));
    afterLast.clear();
  }
}
