package io.blindspot.core.backup.listing;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@code tar -tv} output ("drwxr-xr-x root/root 0 2024-01-01 12:00 etc/"), or plain {@code tar -t}
 * names. Names are decoded (tar's default "escape" quoting) and taken relative to "/"; a symlink's
 * " -> target" and a hard link's " link to target" are dropped.
 */
final class TarListingReader implements ListingReader {
  private final String base;

  TarListingReader() {
    this("/");
  }

  TarListingReader(String baseDirectory) {
    String b = baseDirectory == null || baseDirectory.isEmpty() ? "/" : baseDirectory;
    if (!b.startsWith("/")) {
      throw new IllegalArgumentException("base directory must be absolute: " + baseDirectory);
    }
    this.base = b.endsWith("/") ? b : b + "/";
  }

  @Override
  public String mediaType() {
    return TAR_LISTING;
  }

  @Override
  public void read(InputStream in, PathSink sink) throws IOException {
    Lines.each(
        in,
        (b, off, len, lineNo) -> {
          if (len == 0) {
            return;
          }
          String line = Lines.utf8(b, off, len);
          String name;
          char type = 0;
          if (isVerbose(line)) {
            type = line.charAt(0);
            if (type == 'V' || type == 'M' || type == 'N') {
              return; // volume label, multi-volume continuation, old long name
            }
            int p = 0;
            for (int field = 0; field < 5; field++) {
              p = skipSpaces(line, p);
              int e = line.indexOf(' ', p);
              if (e < 0) {
                throw new ListingFormatException(lineNo, "truncated tar -tv line");
              }
              // device numbers are printed as "major,minor" or "major, minor"
              if (field == 2 && line.charAt(e - 1) == ',') {
                e = line.indexOf(' ', skipSpaces(line, e));
              }
              p = e;
            }
            name = line.substring(p + 1);
            if (type == 'l') {
              int arrow = name.indexOf(" -> ");
              if (arrow >= 0) {
                name = name.substring(0, arrow);
              }
            } else if (type == 'h') {
              int link = name.indexOf(" link to ");
              if (link >= 0) {
                name = name.substring(0, link);
              }
            }
          } else {
            name = line;
          }
          String n = Lines.unescape(name);
          boolean dir = type == 'd' || n.endsWith("/");
          while (n.startsWith("./")) {
            n = n.substring(2);
          }
          while (n.startsWith("/")) {
            n = n.substring(1);
          }
          while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
          }
          if (n.isEmpty() || n.equals(".")) {
            sink.path(base);
            return;
          }
          sink.path(dir ? base + n + "/" : base + n);
        });
  }

  private static int skipSpaces(String s, int p) {
    while (p < s.length() && s.charAt(p) == ' ') {
      p++;
    }
    return p;
  }

  /** A tar -tv line starts with a type letter and nine permission characters. */
  static boolean isVerbose(String line) {
    if (line.length() < 11 || "-dlhcbpsDMVNCS?".indexOf(line.charAt(0)) < 0) {
      return false;
    }
    for (int i = 1; i < 10; i++) {
      if ("rwxsStT-".indexOf(line.charAt(i)) < 0) {
        return false;
      }
    }
    char c = line.charAt(10);
    return c == ' ' || c == '+' || c == '.';
  }
}
