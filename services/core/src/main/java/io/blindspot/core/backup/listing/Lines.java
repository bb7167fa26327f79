package io.blindspot.core.backup.listing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Splits a byte stream into lines ('\n', a trailing '\r' dropped) with one reusable buffer. */
final class Lines {
  static final int MAX_LINE = 1 << 20;

  @FunctionalInterface
  interface Handler {
    void line(byte[] buf, int off, int len, long lineNo) throws IOException;
  }

  private Lines() {}

  static void each(InputStream in, Handler h) throws IOException {
    byte[] buf = new byte[1 << 16];
    int start = 0;
    int end = 0;
    long lineNo = 0;
    while (true) {
      int scan = start;
      int nl = -1;
      while (true) {
        for (int i = scan; i < end; i++) {
          if (buf[i] == '\n') {
            nl = i;
            break;
          }
        }
        if (nl >= 0) {
          break;
        }
        scan = end;
        if (start > 0) {
          System.arraycopy(buf, start, buf, 0, end - start);
          scan -= start;
          end -= start;
          start = 0;
        }
        if (end == buf.length) {
          if (buf.length >= MAX_LINE) {
            throw new ListingFormatException(lineNo + 1, "line longer than " + MAX_LINE + " bytes");
          }
          byte[] bigger = new byte[buf.length * 2];
          System.arraycopy(buf, 0, bigger, 0, end);
          buf = bigger;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
          if (end > start) {
            lineNo++;
            int len = end - start;
            if (buf[start + len - 1] == '\r') {
              len--;
            }
            h.line(buf, start, len, lineNo);
          }
          return;
        }
        end += n;
      }
      lineNo++;
      int len = nl - start;
      if (len > 0 && buf[start + len - 1] == '\r') {
        len--;
      }
      h.line(buf, start, len, lineNo);
      start = nl + 1;
    }
  }

  static String utf8(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.UTF_8);
  }

  /**
   * Decodes C-style backslash escapes as GNU tar and find -ls print them: \\ \t \n \a \b \f \r \v,
   * "\ " and other escaped punctuation, and octal bytes (\303\251), the bytes read as UTF-8.
   */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[in.length];
    int o = 0;
    for (int i = 0; i < in.length; i++) {
      byte c = in[i];
      if (c != '\\' || i + 1 >= in.length) {
        out[o++] = c;
        continue;
      }
      byte n = in[++i];
      if (n >= '0' && n <= '7') {
        int v = 0;
        int k = 0;
        while (k < 3 && i < in.length && in[i] >= '0' && in[i] <= '7') {
          v = v * 8 + (in[i] - '0');
          i++;
          k++;
        }
        i--;
        out[o++] = (byte) v;
        continue;
      }
      out[o++] =
          switch (n) {
            case 'a' -> 7;
            case 'b' -> 8;
            case 't' -> 9;
            case 'n' -> 10;
            case 'v' -> 11;
            case 'f' -> 12;
            case 'r' -> 13;
            default -> n;
          };
    }
    return new String(out, 0, o, StandardCharsets.UTF_8);
  }
}
