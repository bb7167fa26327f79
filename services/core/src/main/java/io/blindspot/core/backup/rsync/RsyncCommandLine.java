package io.blindspot.core.backup.rsync;

import io.blindspot.core.backup.Caveat;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.RuleRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An rsync argv, parsed like rsync does: options in order (filter rules are parsed where they
 * appear, -F and -C as rsync expands them), then the sources and the destination.
 */
final class RsyncCommandLine {

  /** A positional argument and where it was. */
  record Arg(String value, int index) {}

  final List<RsyncRule> globalRules = new ArrayList<>();

  /** rsync's global CVS list (the default ignores), consulted by a "-C" rule. */
  final List<RsyncRule> cvsRules = new ArrayList<>();

  final List<String> activeMergeNames = new ArrayList<>();
  final List<Caveat> caveats = new ArrayList<>();
  final List<Arg> positional = new ArrayList<>();

  int recurse; // 0 none, 1 via -a, 2 explicit -r
  int relative = -1; // -1 unspecified
  boolean impliedDirs = true;
  int dirs = -1;
  int oneFileSystem;
  boolean links;
  boolean copyLinks;
  boolean cvsExclude;
  int cvsExcludeIndex;
  boolean from0;
  String filesFrom;
  int filesFromIndex;
  boolean dryRun;
  boolean listOnly;
  boolean cvsGlobalRequested;

  private final Map<String, String> files;
  private final Function<RuleRef, RuleRef> refMapper;
  private int fCount;

  private RsyncCommandLine(Map<String, String> files, Function<RuleRef, RuleRef> refMapper) {
    this.files = files;
    this.refMapper = refMapper;
  }

  /**
   * Parses the argv (argv[0] is the program name, "rsync" or a path ending in "/rsync").
   *
   * @param files the files the job names (exclude-from, files-from, merge files), by path
   * @param refMapper rewrites the RuleRef of each rule (dirvish/rsnapshot point them at their own
   *     config lines); identity for plain rsync
   */
  static RsyncCommandLine parse(
      List<String> argv, Map<String, String> files, Function<RuleRef, RuleRef> refMapper)
      throws JobConfigException {
    RsyncCommandLine cl = new RsyncCommandLine(files, refMapper);
    cl.run(argv);
    return cl;
  }

  private RsyncFilterParser parser() {
    return new RsyncFilterParser(this::readFile, refMapper, from0);
  }

  private String readFile(String name) {
    return files.get(name);
  }

  private RuleRef cmdRef(int index, String text) {
    return refMapper.apply(new RuleRef(RuleRef.COMMAND_LINE, index, text));
  }

  private RsyncFilterParser.Target target() {
    RsyncFilterParser.Target t = new RsyncFilterParser.Target(activeMergeNames);
    t.rules.addAll(globalRules);
    return t;
  }

  private void commit(RsyncFilterParser.Target t, RsyncFilterParser p) {
    globalRules.clear();
    globalRules.addAll(t.rules);
    cvsGlobalRequested |= p.cvsRequested;
  }

  private void filterString(String rule, int template, int xflags, int index, String text)
      throws JobConfigException {
    RsyncFilterParser p = parser();
    RsyncFilterParser.Target t = target();
    p.parseString(t, rule, template, xflags, cmdRef(index, text), null, true);
    commit(t, p);
  }

  private void filterFile(String name, int template, int index, String text)
      throws JobConfigException {
    if (name.equals("-")) {
      throw new JobConfigException(
          RuleRef.COMMAND_LINE,
          index,
          text + ": reading rules from standard input is not supported");
    }
    String content = files.get(name);
    if (content == null) {
      throw new JobConfigException(
          RuleRef.COMMAND_LINE, index, text + ": the job does not include the contents of " + name);
    }
    RsyncFilterParser p = parser();
    RsyncFilterParser.Target t = target();
    p.parseFile(t, content, name, template, RsyncFilterParser.XFLG_OLD_PREFIXES, null, true);
    commit(t, p);
  }

  private void run(List<String> argv) throws JobConfigException {
    boolean optionsDone = false;
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (optionsDone || !a.startsWith("-") || a.equals("-")) {
        positional.add(new Arg(a, i));
        continue;
      }
      if (a.equals("--")) {
        optionsDone = true;
        continue;
      }
      if (a.startsWith("--")) {
        String body = a.substring(2);
        String name = body;
        String value = null;
        int eq = body.indexOf('=');
        if (eq >= 0) {
          name = body.substring(0, eq);
          value = body.substring(eq + 1);
        }
        RsyncOptionTable.Opt o = RsyncOptionTable.lookupLong(name);
        if (o == null) {
          throw new JobConfigException(
              RuleRef.COMMAND_LINE, i, "unknown rsync option '--" + name + "'");
        }
        String text = a;
        int at = i;
        if (o.takesArg() && value == null) {
          if (i + 1 >= argv.size()) {
            throw new JobConfigException(
                RuleRef.COMMAND_LINE, i, "rsync option '--" + name + "' needs an argument");
          }
          value = argv.get(++i);
          text = a + " " + value;
        } else if (!o.takesArg() && value != null) {
          throw new JobConfigException(
              RuleRef.COMMAND_LINE, i, "rsync option '--" + name + "' takes no argument");
        }
        apply(o.name(), value, at, text);
        continue;
      }
      // A cluster of short options: -avzx, -e ssh, -essh, -f'- foo'
      for (int k = 1; k < a.length(); k++) {
        char c = a.charAt(k);
        RsyncOptionTable.Opt o = RsyncOptionTable.SHORT.get(c);
        if (o == null) {
          throw new JobConfigException(
              RuleRef.COMMAND_LINE, i, "unknown rsync option '-" + c + "'");
        }
        if (o.takesArg()) {
          String value;
          String text;
          int at = i;
          if (k + 1 < a.length()) {
            value = a.substring(k + 1);
            text = a;
          } else {
            if (i + 1 >= argv.size()) {
              throw new JobConfigException(
                  RuleRef.COMMAND_LINE, i, "rsync option '-" + c + "' needs an argument");
            }
            value = argv.get(++i);
            text = a + " " + value;
          }
          apply(o.name(), value, at, text);
          break;
        }
        apply(o.name(), null, i, "-" + c);
      }
    }
    // rsync's post-processing of the options
    if (cvsExclude) {
      // send_filter_list(): ":C" then "-C" after every other rule
      filterString(":C", 0, 0, cvsExcludeIndex, "-C (per-directory .cvsignore)");
      filterString("-C", 0, 0, cvsExcludeIndex, "-C");
    }
    if (cvsGlobalRequested) {
      int template =
          RsyncRule.NO_PREFIXES
              | RsyncRule.WORD_SPLIT
              | RsyncRule.NO_INHERIT
              | RsyncRule.CVS_IGNORE
              | RsyncRule.PERISHABLE;
      RsyncFilterParser p = parser();
      RsyncFilterParser.Target t = new RsyncFilterParser.Target(new ArrayList<>());
      for (String tok : RsyncFilterParser.DEFAULT_CVSIGNORE.split(" ")) {
        p.parseString(
            t,
            tok,
            template,
            0,
            cmdRef(cvsExcludeIndex, "-C (default CVS ignore " + tok + ")"),
            null,
            true);
      }
      cvsRules.addAll(t.rules);
    }
    if (filesFrom != null) {
      if (recurse == 1) {
        recurse = 0; // -a does not imply -r with --files-from
      }
      if (relative < 0) {
        relative = 1;
      }
      if (dirs < 0) {
        dirs = 1;
      }
    }
  }

  private void caveat(String option, String message) {
    caveats.add(new Caveat(option, message));
  }

  private void apply(String name, String value, int index, String text) throws JobConfigException {
    switch (name) {
      case "archive" -> {
        if (recurse == 0) {
          recurse = 1;
        }
        links = true;
      }
      case "recursive" -> recurse = 2;
      case "no-recursive" -> recurse = 0;
      case "relative" -> relative = 1;
      case "no-relative" -> relative = 0;
      case "no-implied-dirs" -> impliedDirs = false;
      case "implied-dirs" -> impliedDirs = true;
      case "dirs" -> dirs = 1;
      case "no-dirs" -> dirs = 0;
      case "one-file-system" -> oneFileSystem++;
      case "no-one-file-system" -> oneFileSystem = 0;
      case "links" -> links = true;
      case "no-links" -> links = false;
      case "copy-links" -> {
        copyLinks = true;
        caveat(
            text,
            "symlinks are followed (-L): the snapshot holds the targets' contents under the link"
                + " names, which these verdicts do not enumerate");
      }
      case "copy-unsafe-links" ->
          caveat(text, "symlinks pointing outside the tree are followed and their targets copied");
      case "safe-links" ->
          caveat(text, "symlinks pointing outside the transferred tree are not stored");
      case "copy-dirlinks" ->
          caveat(text, "symlinks to directories are followed (-k): their contents are stored");
      case "cvs-exclude" -> {
        cvsExclude = true;
        cvsExcludeIndex = index;
        caveat(
            text,
            "-C also reads $HOME/.cvsignore and $CVSIGNORE of the user running rsync; only the"
                + " default list and per-directory .cvsignore files are modelled");
      }
      case "F" -> {
        fCount++;
        if (fCount == 1) {
          filterString(": /.rsync-filter", 0, 0, index, text);
        } else if (fCount == 2) {
          filterString("- .rsync-filter", 0, 0, index, text);
        }
      }
      case "filter" -> filterString(value, 0, 0, index, text);
      case "exclude" -> filterString(value, 0, RsyncFilterParser.XFLG_OLD_PREFIXES, index, text);
      case "include" ->
          filterString(value, RsyncRule.INCLUDE, RsyncFilterParser.XFLG_OLD_PREFIXES, index, text);
      case "exclude-from" -> filterFile(value, 0, index, text);
      case "include-from" -> filterFile(value, RsyncRule.INCLUDE, index, text);
      case "files-from" -> {
        filesFrom = value;
        filesFromIndex = index;
      }
      case "from0" -> from0 = true;
      case "no-from0" -> from0 = false;
      case "dry-run" -> {
        dryRun = true;
        caveat(text, "dry run: rsync stores nothing");
      }
      case "list-only" -> {
        listOnly = true;
        caveat(text, "--list-only: rsync only lists, it stores nothing");
      }
      case "max-size" -> caveat(text, "files larger than " + value + " are not transferred");
      case "min-size" -> caveat(text, "files smaller than " + value + " are not transferred");
      case "update" ->
          caveat(text, "files newer on the receiver are skipped (-u): depends on the destination");
      case "existing" -> caveat(text, "only files that already exist on the receiver are updated");
      case "ignore-existing" ->
          caveat(text, "files that already exist on the receiver are not updated");
      case "compare-dest" ->
          caveat(
              text, "files unchanged relative to " + value + " are not stored in the destination");
      case "prune-empty-dirs" ->
          caveat(text, "directories left empty by the filters are not stored (-m)");
      case "iconv" -> caveat(text, "file names are converted between character sets");
      case "read-batch" -> caveat(text, "the transfer comes from a batch file, not the sources");
      case "only-write-batch" -> caveat(text, "the destination is not updated");
      case "help", "version" -> caveat(text, "rsync prints and exits: nothing is stored");
      default -> {
        // accepted: does not affect which paths are transferred
      }
    }
  }
}
