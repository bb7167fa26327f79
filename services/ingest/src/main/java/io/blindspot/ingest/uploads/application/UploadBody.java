package io.blindspot.ingest.uploads.application;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A decoded upload: the content as the agent's tool wrote it, its SHA-256 (what idempotency
 * compares), and its gzip form for the {@code uploads} table.
 *
 * @param content the decompressed body
 * @param sha256 SHA-256 of {@code content}
 * @param receivedGzip the body as received when it arrived gzip-compressed, else null
 */
public record UploadBody(byte[] content, byte[] sha256, byte[] receivedGzip) {

  public int size() {
    return content.length;
  }

  /**
   * The gzip form to store: the agent's own when it sent one (no need to compress twice), else
   * compressed here, favouring speed over the last few percent of size.
   */
  public byte[] gzip() {
    if (receivedGzip != null) {
      return receivedGzip;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, content.length / 4));
    try (GZIPOutputStream gzip =
        new GZIPOutputStream(out, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }) {
      gzip.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array cannot fail to write
    }
    return out.toByteArray();
  }
}
