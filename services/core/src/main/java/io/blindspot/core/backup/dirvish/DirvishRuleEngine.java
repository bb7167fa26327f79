package io.blindspot.core.backup.dirvish;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngine;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.Caveat;
import io.blindspot.core.backup.JobConfigException;
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

/**
 * The dirvish engine: reads master.conf and the vault's default.conf (and branch/config files) like
 * dirvish does, builds the rsync command dirvish would run ({@code rsync -vrltH --delete [-pgo -D
 * -x ...] [rsync-option...] --exclude-from=VAULT/IMAGE/exclude TREE/ VAULT/IMAGE/tree}) and
 * evaluates it with the rsync engine, with every exclude rule pointing at its dirvish config line.
 */
public final class DirvishRuleEngine implements BackupRuleEngine {

  static final String CONFDIR = "/etc/dirvish";

  @Override
  public String tool() {
    return "dirvish";
  }

  /** dirvish's GetOptions spec: name → takes a value. */
  private static final Map<String, Boolean> CLI = new HashMap<>();

  static {
    for (String s :
        List.of(
            "config",
            "vault",
            "client",
            "tree",
            "image",
            "image-time",
            "expire",
            "branch",
            "reference",
            "exclude",
            "speed-limit",
            "file-exclude",
            "fexclude",
            "reset",
            "index",
            "summary")) {
      CLI.put(s, true);
    }
    for (String s :
        List.of(
            "sparse",
            "zxfer",
            "checksum",
            "whole-file",
            "xdev",
            "init",
            "no-run",
            "dry-run",
            "help",
            "version")) {
      CLI.put(s, false);
    }
  }

  private static final List<String> NEGATABLE =
      List.of("sparse", "zxfer", "checksum", "whole-file", "xdev", "init");

  @Override
  public BackupRules compile(BackupJob job) throws JobConfigException {
    Map<String, String> files = job.files();
    DirvishOptions o = new DirvishOptions();
    List<Caveat> caveats = new ArrayList<>();
    String confdir = CONFDIR;
    if (files.containsKey(confdir + ".conf")) {
      o.load(confdir + ".conf", files.get(confdir + ".conf"));
    } else if (files.containsKey(confdir + "/master.conf")) {
      o.load(confdir + "/master.conf", files.get(confdir + "/master.conf"));
    } else {
      throw new JobConfigException(
          confdir + "/master.conf",
          0,
          "ERROR: no master configuration file (the job must include /etc/dirvish/master.conf"
              + " or /etc/dirvish.conf)");
    }
    List<String> argv = job.command();
    List<String[]> opts = new ArrayList<>();
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (!a.startsWith("-")) {
        caveats.add(new Caveat(a, "dirvish ignores extra arguments"));
        continue;
      }
      String body = a.replaceFirst("^--?", "");
      String value = null;
      int eq = body.indexOf('=');
      if (eq >= 0) {
        value = body.substring(eq + 1);
        body = body.substring(0, eq);
      }
      String name = resolve(body, i);
      boolean negated = false;
      if (name.startsWith("!")) {
        negated = true;
        name = name.substring(1);
      }
      if (CLI.get(name) && value == null) {
        if (i + 1 >= argv.size()) {
          throw new JobConfigException(
              RuleRef.COMMAND_LINE, i, "dirvish option '" + a + "' needs a value");
        }
        value = argv.get(++i);
      }
      opts.add(new String[] {name, value, negated ? "no" : "", Integer.toString(i), a});
    }
    Map<String, String> bankOf = new HashMap<>();
    for (String[] op : opts) {
      String name = op[0];
      String value = op[1];
      int idx = Integer.parseInt(op[3]);
      switch (name) {
        case "vault" -> {
          if (value.contains(":")) {
            String[] vb = value.split(":", 2);
            o.scalars.put("vault", vb[0]);
            o.scalars.put("branch", vb[1]);
            loadNamed(o, files, vb[1], true);
          } else {
            o.scalars.put("vault", value);
            loadNamed(o, files, "default.conf", true);
          }
        }
        case "branch" -> {
          if (value.contains(":")) {
            String[] vb = value.split(":", 2);
            o.scalars.put("vault", vb[0]);
            o.scalars.put("branch", vb[1]);
          } else {
            o.scalars.put("branch", value);
          }
          loadNamed(o, files, o.get("branch"), true);
        }
        case "config" -> loadNamed(o, files, value, true);
        case "client" -> {
          o.scalars.put("client", value);
          loadNamed(o, files, CONFDIR + "/" + value, false);
        }
        case "reset" -> {
          if (o.lists.containsKey(value)) {
            o.lists.put(value, new ArrayList<>());
          } else {
            o.scalars.remove(value);
          }
        }
        case "exclude" ->
            o.list("exclude")
                .add(
                    new DirvishOptions.Item(
                        value, new RuleRef(RuleRef.COMMAND_LINE, idx, op[4] + " " + value)));
        case "help", "version" ->
            throw new JobConfigException(
                RuleRef.COMMAND_LINE, idx, "dirvish --" + name + " prints and exits: no backup");
        case "no-run", "dry-run" ->
            caveats.add(new Caveat(op[4], "dirvish only prints the rsync command"));
        case "file-exclude", "fexclude" ->
            caveats.add(
                new Caveat(op[4], "--file-exclude on the command line is not read by dirvish"));
        case "speed-limit",
            "image",
            "image-time",
            "expire",
            "reference",
            "index",
            "summary",
            "tree" ->
            o.scalars.put(name, value);
        default -> {
          if (op[2].equals("no")) {
            o.scalars.remove(name);
          } else {
            o.scalars.put(name, "1");
          }
        }
      }
    }
    if (o.get("vault") == null || o.get("vault").isEmpty()) {
      throw new JobConfigException(RuleRef.COMMAND_LINE, 0, "dirvish: vault not specified");
    }
    for (String k : List.of("client", "tree")) {
      if (o.get(k) == null || o.get(k).isEmpty()) {
        throw new JobConfigException(
            o.configFiles.get(o.configFiles.size() - 1), 0, "dirvish: " + k + " undefined");
      }
    }
    String bank = findBank(o, files);
    String vault = bank + "/" + o.get("vault");
    // ($srctree, $aliastree) = split(/[^\\]\s+/, tree): the character before the blank is lost
    String[] parts = o.get("tree").split("[^\\\\]\\s+");
    String srctree = parts.length == 0 ? "" : parts[0];
    srctree = srctree.replace("\\ ", " ").replaceAll("/+$", "");
    if (parts.length > 1 && !o.get("tree").startsWith(srctree + " ")) {
      caveats.add(
          new Caveat(
              "tree: " + o.get("tree"),
              "dirvish splits 'tree: SRC ALIAS' with /[^\\\\]\\s+/ and drops the last character"
                  + " of SRC: it backs up "
                  + (srctree.isEmpty() ? "/" : srctree)
                  + "/"));
    }
    String image = o.get("image") != null ? o.get("image") : o.get("image-default");
    String imageDir = vault + "/" + image;
    String exlFile = imageDir + "/exclude";
    List<String> rsync = new ArrayList<>();
    List<RuleRef> origin = new ArrayList<>();
    rsync.add(o.get("rsync") != null ? o.get("rsync") : "rsync");
    origin.add(null);
    for (String a : List.of("-vrltH", "--delete")) {
      rsync.add(a);
      origin.add(null);
    }
    String[][] simple = {
      {"permissions", "-pgo"}, {"devices", "-D"}, {"sparse", "-S"}, {"checksum", "-c"},
      {"whole-file", "-W"}, {"xdev", "-x"}, {"zxfer", "-z"}, {"stats", "--stats"},
      {"numeric-ids", "--numeric-ids"}
    };
    for (String[] s : simple) {
      if (o.truthy(s[0])) {
        rsync.add(s[1]);
        origin.add(null);
      }
    }
    if (o.truthy("password-file")) {
      rsync.add("--password-file=" + o.get("password-file"));
      origin.add(null);
    }
    if (o.truthy("rsync-client")) {
      rsync.add("--rsync-path=" + o.get("rsync-client"));
      origin.add(null);
    }
    if (o.truthy("speed-limit")) {
      rsync.add("--bwlimit=" + o.get("speed-limit"));
      origin.add(null);
    }
    for (DirvishOptions.Item it : o.list("rsync-option")) {
      rsync.add(it.value());
      origin.add(it.ref());
    }
    List<DirvishOptions.Item> excludes = o.list("exclude");
    Map<String, String> rsyncFiles = new HashMap<>(files);
    if (!excludes.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (DirvishOptions.Item it : excludes) {
        sb.append(it.value()).append('\n');
      }
      rsyncFiles.put(exlFile, sb.toString());
      rsync.add("--exclude-from=" + exlFile);
      origin.add(null);
    }
    if (!o.truthy("init")) {
      rsync.add("--link-dest=" + vault + "/REFERENCE/tree");
      origin.add(null);
    }
    String client = o.get("client");
    boolean remote = !client.equals("localhost");
    rsync.add((remote ? client + ":" : "") + srctree + "/");
    origin.add(null);
    rsync.add(imageDir + "/tree");
    origin.add(null);
    RsyncRules rules =
        RsyncRuleEngine.compile(
            rsync,
            rsyncFiles,
            ref -> {
              if (ref.file().equals(exlFile) && ref.line() >= 1 && ref.line() <= excludes.size()) {
                return excludes.get(ref.line() - 1).ref();
              }
              if (ref.file().equals(RuleRef.COMMAND_LINE)
                  && ref.line() > 0
                  && ref.line() < origin.size()
                  && origin.get(ref.line()) != null) {
                RuleRef src = origin.get(ref.line());
                return new RuleRef(src.file(), src.line(), ref.text());
              }
              return ref;
            });
    caveats.addAll(rules.caveats());
    if (remote) {
      caveats.add(
          new Caveat(
              "client: " + client,
              "dirvish runs rsync against "
                  + client
                  + ": (unless that is this server's hostname)"));
    }
    return new DirvishRules(rules, caveats, rsync);
  }

  /** Getopt::Long: exact names, unique abbreviations, "no"/"no-" negations of '!' options. */
  private static String resolve(String body, int idx) throws JobConfigException {
    if (CLI.containsKey(body)) {
      return body;
    }
    for (String n : NEGATABLE) {
      if (body.equals("no" + n) || body.equals("no-" + n)) {
        return "!" + n;
      }
    }
    List<String> cands = new ArrayList<>();
    for (String n : CLI.keySet()) {
      if (n.startsWith(body)) {
        cands.add(n);
      }
    }
    if (cands.size() == 1) {
      return cands.get(0);
    }
    throw new JobConfigException(
        RuleRef.COMMAND_LINE,
        idx,
        cands.isEmpty()
            ? "unknown dirvish option '--" + body + "'"
            : "ambiguous dirvish option '--" + body + "': " + cands);
  }

  private static String findBank(DirvishOptions o, Map<String, String> files)
      throws JobConfigException {
    String vault = o.get("vault");
    if (o.get("Bank") != null) {
      return o.get("Bank");
    }
    for (DirvishOptions.Item b : o.list("bank")) {
      String prefix = b.value().replaceAll("/+$", "") + "/" + vault + "/";
      for (String k : files.keySet()) {
        if (k.startsWith(prefix)) {
          return b.value().replaceAll("/+$", "");
        }
      }
    }
    String suffix = "/" + vault + "/dirvish/default.conf";
    for (String k : files.keySet()) {
      if (k.endsWith(suffix)) {
        return k.substring(0, k.length() - suffix.length());
      }
    }
    throw new JobConfigException(
        o.configFiles.get(0),
        0,
        "ERROR: cannot find vault " + vault + " in any bank " + o.list("bank"));
  }

  /** dirvish's loadconfig lookup of a config file name: vault dir first, then CONFDIR. */
  private static void loadNamed(
      DirvishOptions o, Map<String, String> files, String name, boolean required)
      throws JobConfigException {
    String path = null;
    if (name.contains("/")) {
      path = name;
    } else if (o.get("vault") != null) {
      try {
        String bank = findBank(o, files);
        String p = bank + "/" + o.get("vault") + "/dirvish/" + name;
        if (files.containsKey(p) || files.containsKey(p + ".conf")) {
          path = p;
        }
      } catch (JobConfigException e) {
        if (required) {
          throw e;
        }
      }
    }
    if (path == null) {
      path = CONFDIR + "/" + name;
    }
    if (!files.containsKey(path) && files.containsKey(path + ".conf")) {
      path = path + ".conf";
    }
    if (!files.containsKey(path)) {
      if (!required) {
        return;
      }
      throw new JobConfigException(path, 0, "cannot open config file: " + name);
    }
    o.load(path, files.get(path));
  }

  /** The compiled rules: the rsync engine's, with dirvish's caveats and its rsync argv. */
  static final class DirvishRules implements BackupRules {
    private final RsyncRules rsync;
    private final List<Caveat> caveats;
    private final List<String> argv;

    DirvishRules(RsyncRules rsync, List<Caveat> caveats, List<String> argv) {
      this.rsync = rsync;
      this.caveats = List.copyOf(caveats);
      this.argv = List.copyOf(argv);
    }

    @Override
    public List<Verdict> evaluate(List<String> paths, TreeFacts facts) {
      return rsync.evaluate(paths, facts);
    }

    @Override
    public RuleTrace explain(String path, TreeFacts facts) {
      return rsync.explain(path, facts);
    }

    @Override
    public List<Caveat> caveats() {
      return caveats;
    }

    @Override
    public List<String> sources() {
      return rsync.sources();
    }

    /** The rsync argv dirvish would run (with IMAGE and REFERENCE placeholders). */
    public List<String> rsyncCommand() {
      return argv;
    }
  }
}
