package io.blindspot.core.backup.rsnapshot;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngine;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.Caveat;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.Reason;
import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.backup.RuleTrace;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import io.blindspot.core.backup.rsync.RsyncRuleEngine;
import io.blindspot.core.backup.rsync.RsyncRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rsnapshot engine: reads rsnapshot.conf (TAB-separated, continuation lines, include_conf) like
 * rsnapshot 1.4 does and builds, for every {@code backup} line, the rsync command rsnapshot would
 * run ({@code rsync -a[x] --delete --numeric-ids --relative --delete-excluded
 * [--include=/--exclude=...] [--include-from=/--exclude-from=...] SRC/ ROOT/INTERVAL.0/DEST}),
 * evaluated by the rsync engine with every rule pointing at its rsnapshot.conf line.
 */
public final class RsnapshotRuleEngine implements BackupRuleEngine {

  static final String DEFAULT_CONF = "/etc/rsnapshot.conf";
  static final String DEFAULT_SHORT = "-a";
  static final String DEFAULT_LONG = "--delete --numeric-ids --relative --delete-excluded";

  private static final Set<String> KNOWN =
      Set.of(
          "config_version",
          "snapshot_root",
          "include_conf",
          "sync_first",
          "no_create_root",
          "interval",
          "retain",
          "backup",
          "backup_script",
          "backup_exec",
          "verbose",
          "loglevel",
          "logfile",
          "lockfile",
          "stop_on_stale_lockfile",
          "include",
          "exclude",
          "include_file",
          "exclude_file",
          "rsync_short_args",
          "rsync_long_args",
          "ssh_args",
          "du_args",
          "one_fs",
          "link_dest",
          "use_lazy_deletes",
          "rsync_numtries");

  @Override
  public String tool() {
    return "rsnapshot";
  }

  /** A string whose characters each remember the config line they came from. */
  private static final class Traced {
    final StringBuilder text = new StringBuilder();
    final List<RuleRef> origin = new ArrayList<>();

    void append(String s, RuleRef ref) {
      text.append(s);
      for (int i = 0; i < s.length(); i++) {
        origin.add(ref);
      }
    }

    Traced copy() {
      Traced t = new Traced();
      t.text.append(text);
      t.origin.addAll(origin);
      return t;
    }

    boolean isEmpty() {
      return text.length() == 0;
    }
  }

  /** rsnapshot's split_long_args_with_quotes(): whitespace splits, quotes group and vanish. */
  private static void splitQuoted(Traced t, List<String> out, List<RuleRef> origins, String what)
      throws JobConfigException {
    String s = t.text.toString();
    StringBuilder cur = new StringBuilder();
    RuleRef curRef = null;
    char inQuotes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) && inQuotes == 0) {
        out.add(cur.toString());
        origins.add(curRef);
        cur.setLength(0);
        curRef = null;
        continue;
      }
      if ((c == '\'' || c == '"') && inQuotes == 0) {
        inQuotes = c;
      } else if ((c == '\'' || c == '"') && inQuotes != c) {
        throw new JobConfigException(null, 0, "Nested quotes not allowed in " + what);
      } else if (c == inQuotes) {
        inQuotes = 0;
      } else {
        cur.append(c);
      }
      if (curRef == null) {
        curRef = t.origin.get(i);
      }
    }
    if (inQuotes != 0) {
      throw new JobConfigException(null, 0, "Unbalanced quotes in " + what);
    }
    out.add(cur.toString());
    origins.add(curRef);
  }

  private static final class BackupPoint {
    String src;
    String dest;
    RuleRef ref;
    Map<String, String> opts = new HashMap<>();
    Traced bpLong; // the backup point's own rsync_long_args (with its include/exclude)
    Traced extraLong;
  }

  private static final class Config {
    final Map<String, String> vars = new HashMap<>();
    Traced longArgs; // rsync_long_args as set so far (null = default)
    final Traced includeArgs = new Traced();
    final Traced includeFileArgs = new Traced();
    final List<BackupPoint> points = new ArrayList<>();
    final List<String> files = new ArrayList<>();
    boolean oneFs;
  }

  @Override
  public BackupRules compile(BackupJob job) throws JobConfigException {
    List<String> argv = job.command();
    String conf = DEFAULT_CONF;
    boolean cliOneFs = false;
    List<Caveat> caveats = new ArrayList<>();
    String interval = null;
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("-c")) {
        if (i + 1 >= argv.size()) {
          throw new JobConfigException(RuleRef.COMMAND_LINE, i, "-c needs a config file");
        }
        conf = argv.get(++i);
      } else if (a.startsWith("-") && a.length() > 1) {
        for (char c : a.substring(1).toCharArray()) {
          switch (c) {
            case 'x' -> cliOneFs = true;
            case 't' -> caveats.add(new Caveat("-t", "test mode: rsnapshot only prints commands"));
            case 'v', 'V', 'q', 'D' -> {}
            default ->
                throw new JobConfigException(
                    RuleRef.COMMAND_LINE, i, "unknown rsnapshot option '-" + c + "'");
          }
        }
      } else if (interval == null) {
        interval = a;
      }
    }
    if (interval == null) {
      throw new JobConfigException(
          RuleRef.COMMAND_LINE, 0, "rsnapshot needs a command (sync, alpha, daily...)");
    }
    Config c = new Config();
    c.oneFs = cliOneFs;
    String content = job.files().get(conf);
    if (content == null) {
      throw new JobConfigException(conf, 0, "the job does not include the contents of " + conf);
    }
    parse(c, conf, content, job.files());
    if (!c.vars.containsKey("config_version")) {
      throw new JobConfigException(
          conf, 0, "config_version was not defined. rsnapshot can not continue.");
    }
    if (!c.vars.containsKey("cmd_rsync")) {
      throw new JobConfigException(conf, 0, "cmd_rsync was not defined.");
    }
    if (!c.vars.containsKey("snapshot_root")) {
      throw new JobConfigException(
          conf, 0, "snapshot_root was not defined. rsnapshot can not continue.");
    }
    // end of parse_config_file(): the global include/exclude (then *_file) args are appended
    Traced globalLong = c.longArgs != null ? c.longArgs.copy() : traced(DEFAULT_LONG, null);
    if (!c.includeArgs.isEmpty()) {
      globalLong.append(" ", null);
      globalLong.text.append(c.includeArgs.text);
      globalLong.origin.addAll(c.includeArgs.origin);
    }
    if (!c.includeFileArgs.isEmpty()) {
      globalLong.append(" ", null);
      globalLong.text.append(c.includeFileArgs.text);
      globalLong.origin.addAll(c.includeFileArgs.origin);
    }
    String root = c.vars.get("snapshot_root");
    String destBase = interval.equals("sync") ? root + "/.sync/" : root + "/" + interval + ".0/";
    List<RsyncRules> compiled = new ArrayList<>();
    for (BackupPoint bp : c.points) {
      String shortArgs = c.vars.getOrDefault("rsync_short_args", DEFAULT_SHORT);
      if (bp.opts.containsKey("rsync_short_args")) {
        shortArgs = bp.opts.get("rsync_short_args");
      }
      if (bp.opts.containsKey("extra_rsync_short_args")) {
        if (shortArgs.isEmpty()) {
          shortArgs = "-";
        }
        shortArgs += bp.opts.get("extra_rsync_short_args").substring(1);
      }
      if (bp.opts.containsKey("one_fs")) {
        if (bp.opts.get("one_fs").equals("1")) {
          shortArgs += "x";
        }
      } else if (c.oneFs) {
        shortArgs += "x";
      }
      List<String> longs = new ArrayList<>();
      List<RuleRef> origins = new ArrayList<>();
      splitQuoted(bp.bpLong != null ? bp.bpLong : globalLong, longs, origins, "rsync_long_args");
      if (bp.extraLong != null) {
        splitQuoted(bp.extraLong, longs, origins, "extra_rsync_long_args");
      }
      List<String> cmd = new ArrayList<>();
      List<RuleRef> cmdOrigin = new ArrayList<>();
      cmd.add(c.vars.get("cmd_rsync"));
      cmdOrigin.add(null);
      if (!shortArgs.isEmpty()) {
        cmd.add(shortArgs);
        cmdOrigin.add(bp.ref);
      }
      for (int i = 0; i < longs.size(); i++) {
        if (!longs.get(i).isEmpty()) {
          cmd.add(longs.get(i));
          cmdOrigin.add(origins.get(i));
        }
      }
      String src = bp.src;
      boolean local = src.startsWith("/");
      if (local && !src.endsWith("/")) {
        src = src + "/"; // rsnapshot adds a slash when the source is a local directory
      }
      cmd.add(src);
      cmdOrigin.add(bp.ref);
      cmd.add(destBase + bp.dest);
      cmdOrigin.add(bp.ref);
      RsyncRules r =
          RsyncRuleEngine.compile(
              cmd,
              job.files(),
              ref -> {
                if (ref.file().equals(RuleRef.COMMAND_LINE)
                    && ref.line() > 0
                    && ref.line() < cmdOrigin.size()
                    && cmdOrigin.get(ref.line()) != null) {
                  RuleRef o = cmdOrigin.get(ref.line());
                  return new RuleRef(o.file(), o.line(), o.text());
                }
                return ref;
              });
      compiled.add(r);
      caveats.addAll(r.caveats());
    }
    return new RsnapshotRules(compiled, caveats);
  }

  private static Traced traced(String s, RuleRef ref) {
    Traced t = new Traced();
    t.append(s, ref);
    return t;
  }

  private void parse(Config c, String file, String content, Map<String, String> files)
      throws JobConfigException {
    if (c.files.contains(file)) {
      throw new JobConfigException(file, 0, "include_conf loops on " + file);
    }
    c.files.add(file);
    String[] lines = content.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i];
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      while (i + 1 < lines.length && lines[i + 1].matches("[\\t ]+\\S.*")) {
        line = line + "\t" + lines[i + 1].strip();
        i++;
      }
      String[] f = line.split("\t+", 4);
      String var = f[0];
      String value = f.length > 1 ? f[1] : null;
      String value2 = f.length > 2 ? f[2] : null;
      String value3 = f.length > 3 ? f[3] : null;
      RuleRef ref = new RuleRef(file, lineNo, line);
      if (value == null) {
        throw new JobConfigException(
            file,
            lineNo,
            line.matches(".*\\s.*")
                ? line + " - missing tabs to separate words - change spaces to tabs."
                : line + " - could not find second word on this line");
      }
      if (!KNOWN.contains(var) && !var.startsWith("cmd_") && !var.startsWith("linux_lvm_")) {
        throw new JobConfigException(file, lineNo, line + " - not a valid rsnapshot config line");
      }
      switch (var) {
        case "include_conf" -> {
          String inc = value;
          if (inc.startsWith("`") && inc.endsWith("`")) {
            String out = files.get(inc);
            if (out == null) {
              throw new JobConfigException(
                  file,
                  lineNo,
                  "include_conf runs "
                      + inc
                      + ": the job must include its output (files key \""
                      + inc
                      + "\")");
            }
            parse(c, inc, out, files);
          } else {
            String sub = files.get(inc);
            if (sub == null) {
              throw new JobConfigException(
                  file, lineNo, line + " - can't find or read file '" + inc + "'");
            }
            parse(c, inc, sub, files);
          }
        }
        case "snapshot_root" -> c.vars.put(var, value.replaceAll("/+$", ""));
        case "one_fs" -> {
          if (!value.equals("0") && !value.equals("1")) {
            throw new JobConfigException(
                file,
                lineNo,
                "\"" + value + "\" is not a legal value for one_fs, must be 0 or 1 only");
          }
          c.oneFs = value.equals("1");
        }
        case "include", "exclude" -> {
          if (!c.includeArgs.isEmpty()) {
            c.includeArgs.append(" ", null);
          }
          c.includeArgs.append("--" + var + "=", ref);
          c.includeArgs.append(value, new RuleRef(file, lineNo, value));
        }
        case "include_file", "exclude_file" -> {
          if (!value.startsWith("/")) {
            throw new JobConfigException(
                file, lineNo, var + " " + value + " must be a valid absolute path");
          }
          if (!files.containsKey(value)) {
            throw new JobConfigException(
                file, lineNo, var + " " + value + ": the job does not include its contents");
          }
          if (!c.includeFileArgs.isEmpty()) {
            c.includeFileArgs.append(" ", null);
          }
          c.includeFileArgs.append(
              (var.equals("include_file") ? "--include-from=" : "--exclude-from=") + value, ref);
        }
        case "rsync_long_args" -> c.longArgs = traced(value, ref);
        case "backup" -> {
          if (!c.vars.containsKey("snapshot_root")) {
            throw new JobConfigException(
                file, lineNo, line + " - snapshot_root needs to be defined before backup points");
          }
          if (value2 == null || value2.isEmpty()) {
            throw new JobConfigException(
                file, lineNo, line + " - no destination path specified for backup point");
          }
          if (value2.startsWith("/")) {
            throw new JobConfigException(
                file,
                lineNo,
                line + " - Backup destination " + value2 + " must be a local, relative path");
          }
          BackupPoint bp = new BackupPoint();
          bp.src = value;
          bp.dest = value2;
          bp.ref = ref;
          if (value3 != null && !value3.isEmpty()) {
            parseOpts(c, bp, value3, file, lineNo, files);
          }
          String root = c.vars.get("snapshot_root");
          if (value.startsWith("/") && root.startsWith(value)) {
            // rsnapshot keeps the snapshot root out of a backup point that contains it
            if (bp.extraLong == null) {
              bp.extraLong = new Traced();
            } else {
              bp.extraLong.append(" ", null);
            }
            bp.extraLong.append(
                " --filter=-/_" + root, new RuleRef(file, lineNo, "(snapshot_root " + root + ")"));
          }
          c.points.add(bp);
        }
        default -> c.vars.put(var, value);
      }
    }
  }

  private void parseOpts(
      Config c, BackupPoint bp, String optStr, String file, int lineNo, Map<String, String> files)
      throws JobConfigException {
    Traced includeArgs = new Traced();
    Traced includeFileArgs = new Traced();
    for (String pair0 : optStr.split(",")) {
      String pair = pair0;
      boolean additive = pair.startsWith("+");
      if (additive) {
        pair = pair.substring(1);
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new JobConfigException(
            file, lineNo, "Syntax error on line " + lineNo + " in extra opts: " + optStr);
      }
      String name = pair.substring(0, eq).replaceAll("\\s+", "");
      String value = pair.substring(eq + 1).strip();
      RuleRef ref = new RuleRef(file, lineNo, value);
      if (additive) {
        bp.opts.put("extra_" + name, value);
      } else {
        bp.opts.put(name, value);
      }
      switch (name) {
        case "one_fs" -> {
          if (!value.equals("0") && !value.equals("1")) {
            throw new JobConfigException(
                file, lineNo, "one_fs must be 0 or 1 in extra opts: " + optStr);
          }
        }
        case "rsync_short_args", "ssh_args" -> {}
        case "rsync_long_args" -> {
          if (additive) {
            bp.extraLong = traced(value, ref);
          } else {
            bp.bpLong = traced(value, ref);
          }
        }
        case "include", "exclude" -> {
          if (!includeArgs.isEmpty()) {
            includeArgs.append(" ", null);
          }
          includeArgs.append("--" + name + "=", ref);
          includeArgs.append(additive ? "" : value, ref);
        }
        case "include_file", "exclude_file" -> {
          if (!files.containsKey(value)) {
            throw new JobConfigException(
                file, lineNo, name + " " + value + ": the job does not include its contents");
          }
          if (!includeFileArgs.isEmpty()) {
            includeFileArgs.append(" ", null);
          }
          includeFileArgs.append(
              (name.equals("include_file") ? "--include-from=" : "--exclude-from=") + value, ref);
        }
        default -> {
          if (!name.startsWith("linux_lvm_")) {
            throw new JobConfigException(
                file, lineNo, "Syntax error on line " + lineNo + " in extra opts: " + optStr);
          }
        }
      }
    }
    if (!includeArgs.isEmpty() || !includeFileArgs.isEmpty()) {
      if (bp.bpLong == null) {
        // the global rsync_long_args as defined so far, WITHOUT the global include/exclude lines
        bp.bpLong = c.longArgs != null ? c.longArgs.copy() : traced(DEFAULT_LONG, null);
      }
      if (!includeArgs.isEmpty()) {
        bp.bpLong.append(" ", null);
        bp.bpLong.text.append(includeArgs.text);
        bp.bpLong.origin.addAll(includeArgs.origin);
      }
      if (!includeFileArgs.isEmpty()) {
        bp.bpLong.append(" ", null);
        bp.bpLong.text.append(includeFileArgs.text);
        bp.bpLong.origin.addAll(includeFileArgs.origin);
      }
    }
  }

  /** The union of the backup points: a path is stored if any backup point stores it. */
  static final class RsnapshotRules implements BackupRules {
    private final List<RsyncRules> points;
    private final List<Caveat> caveats;

    RsnapshotRules(List<RsyncRules> points, List<Caveat> caveats) {
      this.points = List.copyOf(points);
      this.caveats = List.copyOf(caveats);
    }

    @Override
    public List<Verdict> evaluate(List<String> paths, TreeFacts facts) {
      List<List<Verdict>> each = new ArrayList<>();
      for (RsyncRules p : points) {
        each.add(p.evaluate(paths, facts));
      }
      List<Verdict> out = new ArrayList<>(paths.size());
      for (int i = 0; i < paths.size(); i++) {
        Verdict best = null;
        for (List<Verdict> e : each) {
          Verdict v = e.get(i);
          if (v.included()) {
            best = v;
            break;
          }
          if (best == null
              || (best.reason() == Reason.OUTSIDE_SOURCES
                  && v.reason() != Reason.OUTSIDE_SOURCES)) {
            best = v;
          }
        }
        out.add(
            best != null
                ? best
                : new Verdict(paths.get(i), false, Reason.OUTSIDE_SOURCES, null, null));
      }
      return out;
    }

    @Override
    public RuleTrace explain(String path, TreeFacts facts) {
      Verdict v = evaluate(List.of(path), facts).get(0);
      List<RuleTrace.Step> steps = new ArrayList<>();
      for (RsyncRules p : points) {
        steps.addAll(p.explain(path, facts).steps());
      }
      return new RuleTrace(v, steps);
    }

    @Override
    public List<Caveat> caveats() {
      return caveats;
    }

    @Override
    public List<String> sources() {
      List<String> out = new ArrayList<>();
      for (RsyncRules p : points) {
        for (String s : p.sources()) {
          if (!out.contains(s)) {
            out.add(s);
          }
        }
      }
      return out;
    }
  }
}
