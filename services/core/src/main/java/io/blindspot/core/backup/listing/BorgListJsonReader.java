package io.blindspot.core.backup.listing;

import java.io.IOException;
import java.io.InputStream;

/** {@code borg list --json-lines}: one item per line, "path" without the leading '/'. */
final class BorgListJsonReader implements ListingReader {

  @Override
  public String mediaType() {
    return BORG_LIST_JSON;
  }

  @Override
  public void read(InputStream in, PathSink sink) throws IOException {
    MiniJson json = new MiniJson("path", "type");
    Lines.each(
        in,
        (b, off, len, lineNo) -> {
          if (len == 0 || ResticLsJsonReader.isBlank(b, off, len)) {
            return;
          }
          if (!json.parse(b, off, len)) {
            throw new ListingFormatException(lineNo, "not a JSON object");
          }
          String path = json.values[0];
          if (path == null) {
            throw new ListingFormatException(lineNo, "item without \"path\"");
          }
          String abs = path.startsWith("/") ? path : "/" + path;
          sink.path("d".equals(json.values[1]) && !abs.equals("/") ? abs + "/" : abs);
        });
  }
}
