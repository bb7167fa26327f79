package io.blindspot.core.backup.rsync;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngine;
import io.blindspot.core.backup.Caveat;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.RuleRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The rsync engine: compiles an rsync argv (sources, destination, filter options) into {@link
 * RsyncRules}. Also used by the dirvish and rsnapshot engines, which build the argv their tool
 * would run and point the rules back at their own config lines.
 */
public final class RsyncRuleEngine implements BackupRuleEngine {

  @Override
  public String tool() {
    return "rsync";
  }

  @Override
  public RsyncRules compile(BackupJob job) throws JobConfigException {
    List<String> argv = job.command();
    if (argv.isEmpty()) {
      throw new JobConfigException(null, 0, "empty rsync command");
    }
    return compile(argv, job.files(), r -> r);
  }

  /**
   * Compiles an rsync argv.
   *
   * @param argv the full argv, argv[0] being the program
   * @param files contents of the files the argv names (exclude-from, files-from, merge files)
   * @param refMapper rewrites every rule's {@link RuleRef} (identity for plain rsync)
   */
  public static RsyncRules compile(
      List<String> argv, Map<String, String> files, Function<RuleRef, RuleRef> refMapper)
      throws JobConfigException {
    RsyncCommandLine cl = RsyncCommandLine.parse(argv, files, refMapper);
    List<Caveat> caveats = new ArrayList<>(cl.caveats);
    if (cl.positional.size() < 2) {
      throw new JobConfigException(
          RuleRef.COMMAND_LINE,
          0,
          cl.positional.isEmpty()
              ? "rsync needs a source and a destination"
              : "rsync with a single path only lists files: no destination");
    }
    boolean relative = cl.relative == 1;
    List<RsyncSource> sources = new ArrayList<>();
    List<RsyncCommandLine.Arg> srcArgs = cl.positional.subList(0, cl.positional.size() - 1);
    if (cl.filesFrom != null) {
      if (srcArgs.size() != 1) {
        throw new JobConfigException(
            RuleRef.COMMAND_LINE,
            cl.filesFromIndex,
            "--files-from needs exactly one source directory, got " + srcArgs.size());
      }
      if (cl.filesFrom.equals("-")) {
        throw new JobConfigException(
            RuleRef.COMMAND_LINE,
            cl.filesFromIndex,
            "--files-from=- (standard input) is not supported");
      }
      String list = files.get(stripRemote(cl.filesFrom));
      if (list == null) {
        list = files.get(cl.filesFrom);
      }
      if (list == null) {
        throw new JobConfigException(
            RuleRef.COMMAND_LINE,
            cl.filesFromIndex,
            "--files-from: the job does not include the contents of " + cl.filesFrom);
      }
      RsyncCommandLine.Arg base = srcArgs.get(0);
      String basePath = stripRemote(base.value());
      if (basePath == null || !basePath.startsWith("/")) {
        caveats.add(
            new Caveat(base.value(), "relative or daemon source: its absolute path is unknown"));
      } else {
        String b = clean(basePath);
        String[] lines = list.split(cl.from0 ? "\0" : "[\r\n]");
        int lineNo = 0;
        for (String line : lines) {
          lineNo++;
          if (line.isEmpty()) {
            continue;
          }
          String l = line;
          while (l.startsWith("/")) {
            l = l.substring(1);
          }
          if (l.isEmpty()) {
            continue;
          }
          sources.add(source(line, lineNo, b + (b.equals("/") ? "" : "/") + l, b, relative, true));
        }
      }
    } else {
      for (RsyncCommandLine.Arg a : srcArgs) {
        String p = stripRemote(a.value());
        if (p == null || !p.startsWith("/")) {
          caveats.add(
              new Caveat(
                  a.value(),
                  "relative, remote-home or daemon-module source: its absolute path is unknown, no"
                      + " path maps to it"));
          sources.add(
              new RsyncSource(a.value(), a.index(), a.value(), "/", false, false, Set.of(), false));
          continue;
        }
        sources.add(source(a.value(), a.index(), p, null, relative, false));
      }
    }
    RuleRef nothing = null;
    if (cl.dryRun || cl.listOnly) {
      nothing =
          new RuleRef(
              RuleRef.COMMAND_LINE, 0, cl.dryRun ? "--dry-run: nothing is stored" : "--list-only");
    }
    boolean recurse = cl.recurse > 0;
    boolean xferDirs = recurse || cl.dirs == 1;
    return new RsyncRules(
        sources,
        cl.globalRules,
        cl.cvsRules,
        caveats,
        recurse,
        xferDirs,
        cl.oneFileSystem,
        cl.links,
        cl.copyLinks,
        nothing);
  }

  /** The local path of a source, or null for daemon sources; "host:path" → "path". */
  static String stripRemote(String arg) {
    if (arg.startsWith("rsync://")) {
      return null;
    }
    int colon = arg.indexOf(':');
    int slash = arg.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash)) {
      if (arg.startsWith("::", colon)) {
        return null;
      }
      return arg.substring(colon + 1);
    }
    return arg;
  }

  /** Collapses "//" and removes "/./" (not a trailing "/."), keeps a trailing '/'. */
  static String clean(String p) {
    String s = p.replaceAll("/{2,}", "/");
    while (s.contains("/./")) {
      s = s.replace("/./", "/");
    }
    if (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static RsyncSource source(
      String arg,
      int index,
      String path,
      String filesFromBase,
      boolean relative,
      boolean fromList) {
    String p = path.replaceAll("/{2,}", "/");
    if (relative) {
      String base;
      String rel;
      int dot = p.indexOf("/./");
      if (filesFromBase != null && dot < filesFromBase.length()) {
        // a "/./" in the files-from line itself
        dot = p.indexOf("/./", filesFromBase.length());
      }
      if (dot >= 0) {
        base = dot == 0 ? "/" : p.substring(0, dot);
        rel = p.substring(dot + 3);
      } else if (filesFromBase != null) {
        base = filesFromBase;
        rel = filesFromBase.equals("/") ? p.substring(1) : p.substring(filesFromBase.length() + 1);
      } else {
        base = "/";
        rel = p.substring(1);
      }
      rel = rel.replace("/./", "/");
      boolean never = false;
      boolean contents = false;
      if (rel.equals(".") || rel.endsWith("/.")) {
        never = true;
        contents = true;
        rel = rel.equals(".") ? "" : rel.substring(0, rel.length() - 2);
      } else if (fromList && rel.endsWith("/")) {
        contents = true;
      }
      while (rel.endsWith("/")) {
        rel = rel.substring(0, rel.length() - 1);
      }
      if (rel.isEmpty()) {
        return new RsyncSource(arg, index, base, base, true, true, Set.of(), true);
      }
      String top = base.equals("/") ? "/" + rel : base + "/" + rel;
      Set<String> implied = new LinkedHashSet<>();
      String[] parts = rel.split("/");
      StringBuilder sb = new StringBuilder(base.equals("/") ? "" : base);
      for (int i = 0; i < parts.length - 1; i++) {
        sb.append('/').append(parts[i]);
        implied.add(sb.toString());
      }
      return new RsyncSource(arg, index, top, base, never, contents, Set.copyOf(implied), true);
    }
    if (p.equals("/") || p.endsWith("/") || p.endsWith("/.") || p.equals(".")) {
      String dir = p;
      while (dir.length() > 1 && (dir.endsWith("/") || dir.endsWith("/."))) {
        dir =
            dir.endsWith("/.")
                ? dir.substring(0, dir.length() - 2)
                : dir.substring(0, dir.length() - 1);
        if (dir.isEmpty()) {
          dir = "/";
        }
      }
      dir = clean(dir);
      return new RsyncSource(arg, index, dir, dir, true, true, Set.of(), true);
    }
    String top = clean(p);
    return new RsyncSource(arg, index, top, RsyncRules.parent(top), false, false, Set.of(), true);
  }
}
