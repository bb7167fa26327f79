package io.blindspot.core.backup.glob;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Path helpers in Blindspot notation: absolute, '/'-separated, a trailing '/' marks a directory.
 */
public final class PathNames {

  private PathNames() {}

  /** Whether the path names a directory (ends in '/'). */
  public static boolean isDir(String path) {
    return path.endsWith("/");
  }

  /** The path without its trailing '/' ("/" stays "/"). */
  public static String bare(String path) {
    int end = path.length();
    while (end > 1 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(0, end);
  }

  /** The parent of a bare absolute path, bare; null for "/". */
  public static String parent(String bare) {
    if (bare.equals("/")) {
      return null;
    }
    int slash = bare.lastIndexOf('/');
    return slash <= 0 ? "/" : bare.substring(0, slash);
  }

  /** The last component of a bare path ("" for "/"). */
  public static String baseName(String bare) {
    return bare.substring(bare.lastIndexOf('/') + 1);
  }

  /** Joins a bare directory and a name. */
  public static String child(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }

  /** Whether bare path {@code p} is {@code root} or below it. */
  public static boolean isUnder(String p, String root) {
    if (root.equals("/")) {
      return p.startsWith("/");
    }
    return p.equals(root) || (p.startsWith(root) && p.charAt(root.length()) == '/');
  }

  /**
   * Lexical cleaning like Go's filepath.Clean / Python's os.path.normpath for absolute paths:
   * collapses "//", removes "." and resolves ".." (never above "/"); relative paths stay relative
   * ("" becomes ".").
   */
  public static String clean(String path) {
    if (isClean(path)) {
      return path;
    }
    boolean abs = path.startsWith("/");
    Deque<String> out = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!out.isEmpty() && !out.peekLast().equals("..")) {
          out.removeLast();
        } else if (!abs) {
          out.addLast("..");
        }
        continue;
      }
      out.addLast(part);
    }
    String joined = String.join("/", out);
    if (abs) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /** Whether {@link #clean} would return the path unchanged (absolute, no "//", "." or ".."). */
  private static boolean isClean(String p) {
    int n = p.length();
    if (n == 0 || p.charAt(0) != '/') {
      return false;
    }
    if (n == 1) {
      return true;
    }
    if (p.charAt(n - 1) == '/') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (p.charAt(i) == '/') {
        int j = i + 1;
        if (j < n && p.charAt(j) == '/') {
          return false;
        }
        if (j < n && p.charAt(j) == '.') {
          int k = j + 1;
          if (k == n || p.charAt(k) == '/') {
            return false;
          }
          if (p.charAt(k) == '.' && (k + 1 == n || p.charAt(k + 1) == '/')) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Resolves a path against an absolute directory and cleans it. */
  public static String resolve(String dir, String path) {
    if (path.startsWith("/")) {
      return clean(path);
    }
    return clean(dir + "/" + path);
  }

  /** The path in Blindspot notation for a bare path and whether it is a directory. */
  public static String notation(String bare, boolean dir) {
    return dir && !bare.equals("/") ? bare + "/" : bare;
  }
}
