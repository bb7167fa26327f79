package io.blindspot.core.backup.glob;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One option of a tool's command line and whether it takes an argument, for getopt_long-style
 * parsing (exact names win, otherwise a unique prefix is accepted as getopt_long does).
 *
 * @param names the spellings ("-f", "--file")
 * @param arg NONE, REQUIRED or OPTIONAL (only with "--name=value")
 * @param key the name the engine dispatches on
 */
public record ArgvOption(List<String> names, Arg arg, String key) {

  public enum Arg {
    NONE,
    REQUIRED,
    OPTIONAL
  }

  public static ArgvOption of(String key, Arg arg, String... names) {
    return new ArgvOption(List.of(names), arg, key);
  }

  /** A table of options by spelling. */
  public static final class Table {
    private final Map<String, ArgvOption> bySpelling = new LinkedHashMap<>();

    public Table add(String key, Arg arg, String... names) {
      ArgvOption o = of(key, arg, names);
      for (String n : names) {
        bySpelling.put(n, o);
      }
      return this;
    }

    /** The short option for a letter ("-f"), or null. */
    public ArgvOption shortOption(char c) {
      return bySpelling.get("-" + c);
    }

    /**
     * The long option for "--name" (without "=value"): exact, else a unique prefix; null when
     * unknown or ambiguous.
     */
    public ArgvOption longOption(String name) {
      ArgvOption exact = bySpelling.get(name);
      if (exact != null) {
        return exact;
      }
      ArgvOption found = null;
      for (Map.Entry<String, ArgvOption> e : bySpelling.entrySet()) {
        if (e.getKey().startsWith("--") && e.getKey().startsWith(name)) {
          if (found != null && found != e.getValue()) {
            return null;
          }
          found = e.getValue();
        }
      }
      return found;
    }
  }
}
