package io.blindspot.core.backup.borg;

import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.backup.glob.PyGlob;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One borg 1.2 pattern (borg/patterns.py) with its command: paths are matched without their leading
 * '/'. Styles: {@code fm:} fnmatch ('*' crosses '/'), {@code sh:} shell ('**&#47;' for directories,
 * '*' stays in one component), {@code re:} regex searched anywhere, {@code pp:} path prefix, {@code
 * pf:} full path. fm/sh/pp match the path and everything below it.
 */
final class BorgPattern {

  enum Command {
    INCLUDE,
    EXCLUDE,
    EXCLUDE_NO_RECURSE
  }

  final String style;
  final String text;
  final Command command;
  final RuleRef ref;
  private final String fixed; // pp prefix or pf full path
  private final Pattern regex;

  private BorgPattern(String style, String text, Command command, RuleRef ref)
      throws JobConfigException {
    this.style = style;
    this.text = text;
    this.command = command;
    this.ref = ref;
    try {
      switch (style) {
        case "fm" -> {
          String p =
              text.endsWith("/") ? rstripSlash(normpath(text)) + "/*/" : normpath(text) + "/*";
          this.regex = PyGlob.fnmatch(lstripSlash(p));
          this.fixed = null;
        }
        case "sh" -> {
          String p =
              text.endsWith("/")
                  ? rstripSlash(normpath(text)) + "/**/*/"
                  : normpath(text) + "/**/*";
          this.regex = PyGlob.borgShell(lstripSlash(p));
          this.fixed = null;
        }
        case "re" -> {
          this.regex = PyGlob.pythonRegex(text);
          this.fixed = null;
        }
        case "pp" -> {
          this.regex = null;
          this.fixed = lstripSlash(rstripSlash(normpath(text)) + "/");
        }
        case "pf" -> {
          this.regex = null;
          this.fixed = lstripSlash(normpath(text));
        }
        default ->
            throw new JobConfigException(ref.file(), ref.line(), "Unknown pattern style: " + style);
      }
    } catch (PatternSyntaxException e) {
      throw new JobConfigException(
          ref.file(), ref.line(), "invalid pattern '" + text + "': " + e.getDescription());
    }
  }

  /** borg's parse_pattern: "xx:" selects the style when xx is alphanumeric. */
  static BorgPattern parse(String pattern, String fallback, Command command, RuleRef ref)
      throws JobConfigException {
    if (pattern.length() > 2
        && pattern.charAt(2) == ':'
        && Character.isLetterOrDigit(pattern.charAt(0))
        && Character.isLetterOrDigit(pattern.charAt(1))) {
      return new BorgPattern(pattern.substring(0, 2), pattern.substring(3), command, ref);
    }
    return new BorgPattern(fallback, pattern, command, ref);
  }

  boolean isFullPath() {
    return style.equals("pf");
  }

  /** The pf path (no leading '/'). */
  String fullPath() {
    return fixed;
  }

  /** Whether the pattern matches a path given without its leading '/'. */
  boolean matches(String path) {
    return switch (style) {
      case "fm", "sh" -> regex.matcher(path + "/").matches();
      case "re" -> regex.matcher(path).find();
      case "pp" -> (path + "/").startsWith(fixed);
      default -> path.equals(fixed);
    };
  }

  boolean recurseDir() {
    return command != Command.EXCLUDE_NO_RECURSE;
  }

  /** Python's os.path.normpath on POSIX. */
  static String normpath(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    int initial = p.startsWith("//") && !p.startsWith("///") ? 2 : p.startsWith("/") ? 1 : 0;
    java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
    for (String comp : p.split("/")) {
      if (comp.isEmpty() || comp.equals(".")) {
        continue;
      }
      if (!comp.equals("..")
          || (initial == 0 && out.isEmpty())
          || (!out.isEmpty() && out.peekLast().equals(".."))) {
        out.addLast(comp);
      } else if (!out.isEmpty()) {
        out.removeLast();
      }
    }
    String s = "/".repeat(initial) + String.join("/", out);
    return s.isEmpty() ? "." : s;
  }

  private static String rstripSlash(String s) {
    int e = s.length();
    while (e > 0 && s.charAt(e - 1) == '/') {
      e--;
    }
    return s.substring(0, e);
  }

  static String lstripSlash(String s) {
    int b = 0;
    while (b < s.length() && s.charAt(b) == '/') {
      b++;
    }
    return s.substring(b);
  }
}
