package io.blindspot.core.backup.dirvish;

import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.RuleRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dirvish's option hash, filled the way dirvish's loadconfig() reads master.conf, the vault's
 * default.conf and branch files: "key: value" scalars, list options continued on indented lines,
 * "#" comments (anywhere on a line), SET/UNSET/RESET lines, capitalised keys ignored.
 *
 * <p>Every list element remembers the file and line it came from, so exclude patterns can be traced
 * back to the config line an operator has to fix.
 */
final class DirvishOptions {

  /** A list element and where it was written. */
  record Item(String value, RuleRef ref) {}

  final Map<String, String> scalars = new HashMap<>();
  final Map<String, List<Item>> lists = new LinkedHashMap<>();
  final List<String> configFiles = new ArrayList<>();

  DirvishOptions() {
    // dirvish's defaults
    scalars.put("numeric-ids", "1");
    scalars.put("devices", "1");
    scalars.put("permissions", "1");
    scalars.put("stats", "1");
    scalars.put("image-default", "%Y%m%d%H%M%S");
    scalars.put("rsh", "ssh");
    scalars.put("summary", "short");
    for (String l : List.of("exclude", "expire-rule", "rsync-option", "bank")) {
      lists.put(l, new ArrayList<>());
    }
  }

  /** Perl truthiness: undefined, "" and "0" are false. */
  boolean truthy(String key) {
    String v = scalars.get(key);
    return v != null && !v.isEmpty() && !v.equals("0");
  }

  String get(String key) {
    return scalars.get(key);
  }

  List<Item> list(String key) {
    return lists.computeIfAbsent(key, k -> new ArrayList<>());
  }

  /** dirvish's loadconfig() in 'f' mode for one file's contents. */
  void load(String file, String content) throws JobConfigException {
    if (configFiles.contains(file)) {
      throw new JobConfigException(file, 0, "ERROR: config file looping on " + file);
    }
    configFiles.add(file);
    String key = null;
    String[] lines = content.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i];
      line = line.replaceAll("\\s*#.*$", "");
      line = line.replaceAll("\\s+$", "");
      if (!line.matches("(?s).*\\S.*")) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0)) && key != null) {
        String v = line.replaceFirst("^\\s*", "");
        if (scalars.containsKey(key) && !lists.containsKey(key)) {
          throw new JobConfigException(
              file, lineNo, "'" + key + "' is not a list option (dirvish would die here)");
        }
        list(key).add(new Item(v, new RuleRef(file, lineNo, v)));
      } else if (line.matches("SET\\s+.*")) {
        for (String k : line.replaceFirst("^SET\\s+", "").split("\\s+")) {
          scalars.put(k, "1");
        }
      } else if (line.matches("UNSET\\s+.*")) {
        for (String k : line.replaceFirst("^UNSET\\s+", "").split("\\s+")) {
          scalars.remove(k);
        }
      } else if (line.matches("RESET\\s+.*")) {
        key = line.replaceFirst("^RESET\\s+", "");
        lists.put(key, new ArrayList<>());
      } else if (line.matches("[A-Z].*")) {
        key = null;
      } else if (line.matches("\\S+:.*")) {
        String[] kv = line.split(":\\s*", 2);
        key = kv[0];
        String val = kv.length > 1 ? kv[1] : "";
        if (val.isEmpty()) {
          continue;
        }
        String k = key;
        key = null;
        if (k.equals("config") || k.equals("file-exclude")) {
          continue; // only read in dirvish's 'r' mode, not for these files
        }
        if (k.equals("client")) {
          scalars.put(k, val);
          continue;
        }
        if (lists.containsKey(k)) {
          // dirvish pushes the whole line ("exclude: /var/db"), not the value: an inline list
          // value becomes a pattern that never matches
          list(k).add(new Item(line, new RuleRef(file, lineNo, line)));
        } else {
          scalars.put(k, val);
        }
      }
    }
  }
}
