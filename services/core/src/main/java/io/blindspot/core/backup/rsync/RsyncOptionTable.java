package io.blindspot.core.backup.rsync;

import java.util.HashMap;
import java.util.Map;

/**
 * Every rsync 3.2–3.4 command-line option (plus the few newer ones rsync 3.4+/3.5 prints), with
 * whether it takes an argument, and its short form. Options that change which paths are transferred
 * are interpreted by {@link RsyncCommandLine}; the others are accepted and ignored.
 */
final class RsyncOptionTable {

  /** A long option: whether it takes an argument. */
  record Opt(String name, boolean takesArg) {}

  static final Map<String, Opt> LONG = new HashMap<>();
  static final Map<Character, Opt> SHORT = new HashMap<>();

  private static void opt(String name, boolean arg, char shortName) {
    Opt o = new Opt(name, arg);
    LONG.put(name, o);
    if (shortName != 0) {
      SHORT.put(shortName, o);
    }
  }

  private static void opt(String name, boolean arg) {
    opt(name, arg, (char) 0);
  }

  private static void alias(String alias, String target) {
    LONG.put(alias, LONG.get(target));
  }

  static {
    // Verbosity and output
    opt("verbose", false, 'v');
    opt("info", true);
    opt("debug", true);
    opt("stderr", true);
    opt("msgs2stderr", false);
    opt("quiet", false, 'q');
    opt("no-motd", false);
    opt("stats", false);
    opt("8-bit-output", false, '8');
    opt("human-readable", false, 'h');
    opt("progress", false);
    opt("itemize-changes", false, 'i');
    opt("out-format", true);
    alias("log-format", "out-format");
    opt("log-file", true);
    opt("log-file-format", true);
    opt("list-only", false);
    opt("outbuf", true);
    opt("help", false);
    opt("version", false, 'V');
    // Selection and traversal
    opt("checksum", false, 'c');
    opt("archive", false, 'a');
    opt("recursive", false, 'r');
    opt("inc-recursive", false);
    alias("i-r", "inc-recursive");
    opt("i-d", false);
    opt("relative", false, 'R');
    opt("implied-dirs", false);
    opt("dirs", false, 'd');
    opt("old-dirs", false);
    alias("old-d", "old-dirs");
    opt("mkpath", false);
    opt("links", false, 'l');
    opt("copy-links", false, 'L');
    opt("copy-unsafe-links", false);
    opt("safe-links", false);
    opt("insecure-links", false);
    opt("confine-root", true);
    opt("munge-links", false);
    opt("copy-dirlinks", false, 'k');
    opt("keep-dirlinks", false, 'K');
    opt("hard-links", false, 'H');
    opt("perms", false, 'p');
    opt("executability", false, 'E');
    opt("chmod", true);
    opt("acls", false, 'A');
    opt("xattrs", false, 'X');
    opt("owner", false, 'o');
    opt("group", false, 'g');
    opt("devices", false);
    opt("copy-devices", false);
    opt("write-devices", false);
    opt("specials", false);
    opt("drop-D", false);
    opt("D", false, 'D');
    opt("times", false, 't');
    opt("atimes", false, 'U');
    opt("open-noatime", false);
    opt("crtimes", false, 'N');
    opt("omit-dir-times", false, 'O');
    opt("omit-link-times", false, 'J');
    opt("super", false);
    opt("fake-super", false);
    opt("sparse", false, 'S');
    opt("preallocate", false);
    opt("dry-run", false, 'n');
    opt("whole-file", false, 'W');
    opt("checksum-choice", true);
    alias("cc", "checksum-choice");
    opt("one-file-system", false, 'x');
    opt("block-size", true, 'B');
    opt("rsh", true, 'e');
    opt("rsync-path", true);
    opt("existing", false);
    alias("ignore-non-existing", "existing");
    opt("ignore-existing", false);
    opt("remove-source-files", false);
    alias("remove-sent-files", "remove-source-files");
    opt("del", false);
    opt("delete", false);
    opt("delete-before", false);
    opt("delete-during", false);
    opt("delete-delay", false);
    opt("delete-after", false);
    opt("delete-excluded", false);
    opt("ignore-missing-args", false);
    opt("delete-missing-args", false);
    opt("ignore-errors", false);
    opt("force", false);
    opt("force-delete", false);
    opt("max-delete", true);
    opt("max-size", true);
    opt("min-size", true);
    opt("max-alloc", true);
    opt("partial", false);
    opt("partial-dir", true);
    opt("delay-updates", false);
    opt("prune-empty-dirs", false, 'm');
    opt("numeric-ids", false);
    opt("usermap", true);
    opt("groupmap", true);
    opt("chown", true);
    opt("timeout", true);
    opt("contimeout", true);
    opt("ignore-times", false, 'I');
    opt("size-only", false);
    opt("modify-window", true, '@');
    opt("temp-dir", true, 'T');
    opt("fuzzy", false, 'y');
    opt("compare-dest", true);
    opt("copy-dest", true);
    opt("link-dest", true);
    opt("compress", false, 'z');
    opt("old-compress", false);
    opt("new-compress", false);
    opt("compress-choice", true);
    alias("zc", "compress-choice");
    opt("compress-level", true);
    alias("zl", "compress-level");
    opt("compress-threads", true);
    alias("zt", "compress-threads");
    opt("skip-compress", true);
    opt("cvs-exclude", false, 'C');
    opt("filter", true, 'f');
    opt("F", false, 'F');
    opt("exclude", true);
    opt("exclude-from", true);
    opt("include", true);
    opt("include-from", true);
    opt("files-from", true);
    opt("from0", false, '0');
    opt("old-args", false);
    opt("secluded-args", false, 's');
    alias("protect-args", "secluded-args");
    opt("trust-sender", false);
    opt("copy-as", true);
    opt("address", true);
    opt("port", true);
    opt("sockopts", true);
    opt("blocking-io", false);
    opt("remote-option", true, 'M');
    opt("password-file", true);
    opt("early-input", true);
    opt("bwlimit", true);
    opt("stop-after", true);
    alias("time-limit", "stop-after");
    opt("stop-at", true);
    opt("fsync", false);
    opt("write-batch", true);
    opt("only-write-batch", true);
    opt("read-batch", true);
    opt("protocol", true);
    opt("iconv", true);
    opt("checksum-seed", true);
    opt("ipv4", false, '4');
    opt("ipv6", false, '6');
    opt("backup", false, 'b');
    opt("backup-dir", true);
    opt("suffix", true);
    opt("update", false, 'u');
    opt("inplace", false);
    opt("append", false);
    opt("append-verify", false);
    opt("P", false, 'P');
    // daemon / server-side options an operator may still pass
    opt("daemon", false);
    opt("config", true);
    opt("dparam", true);
    opt("detach", false);
    opt("server", false);
    opt("sender", false);
  }

  private RsyncOptionTable() {}

  /** The option for a long name, accepting rsync's "--no-OPTION" for options without argument. */
  static Opt lookupLong(String name) {
    Opt o = LONG.get(name);
    if (o != null) {
      return o;
    }
    if (name.startsWith("no-")) {
      String base = name.substring(3);
      Opt b = LONG.get(base);
      if (b == null && base.length() == 1) {
        b = SHORT.get(base.charAt(0));
      }
      if (b != null && !b.takesArg()) {
        return new Opt("no-" + b.name(), false);
      }
    }
    return null;
  }
}
