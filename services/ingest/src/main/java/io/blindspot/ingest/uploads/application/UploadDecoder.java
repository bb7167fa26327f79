package io.blindspot.ingest.uploads.application;

import io.blindspot.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads an upload body, undoing {@code Content-Encoding: gzip} itself, under a hard size limit.
 *
 * <p>The limit counts decompressed bytes as they come out of the inflater, and inflating stops at
 * the first byte over it: a gzip bomb (a megabyte that inflates to gigabytes) costs at most the
 * limit in memory and the time to inflate that much. The compressed body arrives whole (Vert.x
 * bounds it by quarkus.http.limits.max-body-size) and is kept as is for the {@code uploads} table.
 */
@ApplicationScoped
public class UploadDecoder {

  static final List<String> ENCODINGS = List.of("gzip", "identity");

  private final IngestConfig config;

  UploadDecoder(IngestConfig config) {
    this.config = config;
  }

  /**
   * @param body the request body as received (Vert.x holds at most
   *     quarkus.http.limits.max-body-size)
   * @param contentEncoding the Content-Encoding header, null when absent
   * @throws UploadTooLarge when the decompressed body exceeds the limit
   * @throws MalformedUpload when the gzip stream is truncated or corrupt
   * @throws UnsupportedUpload for an encoding other than gzip or identity
   */
  public UploadBody decode(byte[] body, String contentEncoding) {
    long max = config.uploads().maxBytes();
    boolean gzip = isGzip(contentEncoding);
    // gzip adds a few bytes per 16 KiB block to incompressible content, hence the slack.
    if (body.length > (gzip ? max + max / 1000 + 1024 : max)) {
      throw new UploadTooLarge(max);
    }
    byte[] content = gzip ? inflate(body, max) : body;
    return new UploadBody(content, sha256(content), gzip ? body : null);
  }

  private static boolean isGzip(String contentEncoding) {
    if (contentEncoding == null || contentEncoding.isBlank()) {
      return false;
    }
    String encoding = contentEncoding.strip().toLowerCase(Locale.ROOT);
    return switch (encoding) {
      case "gzip", "x-gzip" -> true;
      case "identity" -> false;
      default -> throw new UnsupportedUpload("Content-Encoding", contentEncoding, ENCODINGS);
    };
  }

  private static byte[] inflate(byte[] compressed, long max) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 1 << 16)) {
      return readAtMost(in, max);
    } catch (UploadTooLarge e) {
      throw e;
    } catch (IOException e) {
      throw new MalformedUpload("the gzip body is truncated or corrupt: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the whole stream into memory, failing as soon as it holds more than {@code limit} bytes;
   * the buffer grows with what actually arrives, never to the limit up front.
   */
  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    // A Java array holds at most about 2 GiB; the buffer only ever needs limit + 1 bytes.
    int capacityCap = (int) Math.min(limit + 1, Integer.MAX_VALUE - 8);
    byte[] buffer = new byte[Math.min(1 << 16, capacityCap)];
    int length = 0;
    while (true) {
      if (length == buffer.length) {
        if (length == capacityCap) {
          throw new UploadTooLarge(limit); // only with a limit near 2 GiB
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, capacityCap));
      }
      int read = in.read(buffer, length, buffer.length - length);
      if (read < 0) {
        return Arrays.copyOf(buffer, length);
      }
      length += read;
      if (length > limit) {
        throw new UploadTooLarge(limit);
      }
    }
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
