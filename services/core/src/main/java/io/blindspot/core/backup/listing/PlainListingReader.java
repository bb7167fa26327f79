package io.blindspot.core.backup.listing;

import java.io.IOException;
import java.io.InputStream;

/** One absolute path per line; empty lines are skipped. */
final class PlainListingReader implements ListingReader {

  @Override
  public String mediaType() {
    return TEXT_PLAIN;
  }

  @Override
  public void read(InputStream in, PathSink sink) throws IOException {
    Lines.each(
        in,
        (b, off, len, lineNo) -> {
          if (len == 0) {
            return;
          }
          if (b[off] != '/') {
            throw new ListingFormatException(
                lineNo, "not an absolute path: " + Lines.utf8(b, off, Math.min(len, 200)));
          }
          sink.path(Lines.utf8(b, off, len));
        });
  }
}
