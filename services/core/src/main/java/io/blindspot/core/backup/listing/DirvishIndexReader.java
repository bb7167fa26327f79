package io.blindspot.core.backup.listing;

import java.io.IOException;
import java.io.InputStream;

/**
 * A dirvish image's {@code index}: {@code find VAULT/IMAGE/tree -ls} with " VAULT/IMAGE/tree/"
 * replaced by " SOURCETREE/" (dirvish 1.2). Fields: inode, blocks, perms, links, owner, group,
 * size, month, day, time-or-year, path [-> target]; find escapes spaces ("\ "), backslashes and
 * non-printable bytes (octal). The first line is the image tree itself, left unreplaced by dirvish:
 * it is reported as the source tree root, which the second line (a child of it) reveals.
 */
final class DirvishIndexReader implements ListingReader {

  @Override
  public String mediaType() {
    return DIRVISH_INDEX;
  }

  @Override
  public void read(InputStream in, PathSink sink) throws IOException {
    boolean[] first = {true};
    boolean[] rootPending = {false};
    Lines.each(
        in,
        (b, off, len, lineNo) -> {
          if (len == 0 || ResticLsJsonReader.isBlank(b, off, len)) {
            return;
          }
          String line = Lines.utf8(b, off, len);
          int p = 0;
          String perms = null;
          for (int field = 0; field < 10; field++) {
            p = skip(line, p);
            int e = line.indexOf(' ', p);
            if (e < 0) {
              throw new ListingFormatException(lineNo, "not a find -ls line (too few fields)");
            }
            if (field == 2) {
              perms = line.substring(p, e);
            }
            p = e;
          }
          if (perms.length() < 10 || "-dlcbps".indexOf(perms.charAt(0)) < 0) {
            throw new ListingFormatException(lineNo, "bad permissions field '" + perms + "'");
          }
          String rest = line.substring(p + 1);
          String raw = rest;
          if (perms.charAt(0) == 'l') {
            int arrow = unescapedArrow(rest);
            if (arrow >= 0) {
              raw = rest.substring(0, arrow);
            }
          }
          String path = Lines.unescape(raw);
          boolean dir = perms.charAt(0) == 'd';
          if (first[0]) {
            first[0] = false;
            rootPending[0] = dir;
            return;
          }
          if (rootPending[0]) {
            rootPending[0] = false;
            int slash = path.lastIndexOf('/');
            String root = slash <= 0 ? "/" : path.substring(0, slash) + "/";
            sink.path(root);
          }
          if (!path.startsWith("/")) {
            throw new ListingFormatException(lineNo, "path is not absolute: " + path);
          }
          sink.path(dir && !path.equals("/") ? path + "/" : path);
        });
  }

  private static int skip(String s, int p) {
    while (p < s.length() && s.charAt(p) == ' ') {
      p++;
    }
    return p;
  }

  /** The first " -> " not preceded by a backslash escape. */
  private static int unescapedArrow(String s) {
    for (int i = 0; i + 4 <= s.length(); i++) {
      if (s.charAt(i) == '\\') {
        i++;
        continue;
      }
      if (s.startsWith(" -> ", i)) {
        return i;
      }
    }
    return -1;
  }
}
