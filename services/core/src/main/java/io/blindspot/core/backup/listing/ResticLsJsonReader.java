package io.blindspot.core.backup.listing;

import java.io.IOException;
import java.io.InputStream;

/** {@code restic ls --json}: a snapshot line, then one node per line. */
final class ResticLsJsonReader implements ListingReader {

  @Override
  public String mediaType() {
    return RESTIC_LS_JSON;
  }

  @Override
  public void read(InputStream in, PathSink sink) throws IOException {
    MiniJson json = new MiniJson("path", "type", "struct_type", "message_type");
    Lines.each(
        in,
        (b, off, len, lineNo) -> {
          if (len == 0 || isBlank(b, off, len)) {
            return;
          }
          if (!json.parse(b, off, len)) {
            throw new ListingFormatException(lineNo, "not a JSON object");
          }
          String kind = json.values[2] != null ? json.values[2] : json.values[3];
          if ("snapshot".equals(kind)) {
            return;
          }
          String path = json.values[0];
          if (path == null) {
            throw new ListingFormatException(lineNo, "node without \"path\"");
          }
          if (!path.startsWith("/")) {
            throw new ListingFormatException(lineNo, "path is not absolute: " + path);
          }
          sink.path("dir".equals(json.values[1]) && !path.equals("/") ? path + "/" : path);
        });
  }

  static boolean isBlank(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (b[i] != ' ' && b[i] != '\t') {
        return false;
      }
    }
    return true;
  }
}
