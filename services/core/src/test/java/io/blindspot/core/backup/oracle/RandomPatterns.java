package io.blindspot.core.backup.oracle;

import java.util.Random;

/** Seeded random rsync patterns built from a path of the generated tree. */
public final class RandomPatterns {

  private RandomPatterns() {}

  /**
   * A pattern that relates to {@code p} (a rooted tree path such as "/home/alice/x.txt"): its name,
   * its anchored path (prefixed with {@code anchorPrefix}), its last two elements, or a wildcard
   * variant ({@code ?}, {@code *}, {@code **}, {@code ***}, a class); sometimes with a trailing '/'
   * for directories. Wildcard characters of the name are escaped when the pattern has wildcards.
   */
  public static String esc(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  public static String pattern(Random r, String p, String anchorPrefix) {
    boolean dir = p.endsWith("/");
    String noSlash = dir ? p.substring(0, p.length() - 1) : p;
    String[] parts = noSlash.substring(1).split("/");
    String base = parts[parts.length - 1];
    String pat;
    switch (r.nextInt(11)) {
      case 0 -> pat = base;
      case 1 -> pat = anchorPrefix + noSlash;
      case 2 -> pat = parts.length >= 2 ? parts[parts.length - 2] + "/" + base : base;
      case 3 -> {
        int i = r.nextInt(base.length());
        pat = esc(base.substring(0, i)) + "?" + esc(base.substring(i + 1));
      }
      case 4 -> pat = esc(base.substring(0, Math.min(2, base.length()))) + "*";
      case 5 -> pat = "**/" + esc(base);
      case 6 -> {
        String parent = noSlash.substring(0, noSlash.lastIndexOf('/'));
        pat = parent.isEmpty() ? "/***" : esc(anchorPrefix + parent) + "/***";
      }
      case 7 -> {
        int dot = base.lastIndexOf('.');
        pat = dot > 0 ? "*" + esc(base.substring(dot)) : esc(base) + "*";
      }
      case 8 -> {
        char c0 = base.charAt(0);
        pat =
            "["
                + (c0 == ']' || c0 == '\\' || c0 == '!' || c0 == '^' ? "\\" : "")
                + c0
                + "Z]"
                + esc(base.substring(1));
      }
      case 9 -> {
        if (parts.length >= 3) {
          StringBuilder sb = new StringBuilder(anchorPrefix);
          for (int i = 0; i < parts.length; i++) {
            sb.append('/').append(i == 1 ? "*" : esc(parts[i]));
          }
          pat = sb.toString();
        } else {
          pat = anchorPrefix + noSlash;
        }
      }
      default -> pat = "*" + esc(base.substring(base.length() / 2));
    }
    if (dir && r.nextBoolean()) {
      pat = pat + "/";
    }
    return pat;
  }
}
