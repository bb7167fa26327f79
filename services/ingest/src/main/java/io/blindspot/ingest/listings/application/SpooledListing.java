package io.blindspot.ingest.listings.application;

import io.blindspot.core.backup.listing.ListingMatcher;
import io.blindspot.core.backup.listing.ListingReader;
import io.blindspot.ingest.uploads.application.MalformedUpload;
import io.blindspot.ingest.uploads.application.UploadTooLarge;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One pass over a listing body, in constant memory: the body is decompressed as it arrives (when
 * gzip), counted against the limit (inflating stops at the first byte over it: a gzip bomb costs
 * the limit in CPU, never in memory), hashed, fed line by line to the {@link ListingMatcher}, and
 * spooled gzip-compressed to a temporary file for the {@code uploads} table: the client's own gzip
 * bytes as they are, or compressed here. The first line is kept (up to 64 KiB) for the snapshot
 * name some formats put there. The caller deletes {@link #file()}.
 */
public final class SpooledListing implements AutoCloseable {

  private static final int BUFFER = 1 << 16;
  private static final int FIRST_LINE_MAX = 1 << 16;

  private final Path file;
  private final byte[] sha256;
  private final long size;
  private final ListingMatcher.Result result;
  private final String firstLine;

  private SpooledListing(
      Path file, byte[] sha256, long size, ListingMatcher.Result result, String firstLine) {
    this.file = file;
    this.sha256 = sha256;
    this.size = size;
    this.result = result;
    this.firstLine = firstLine;
  }

  /**
   * @param maxBytes the limit on the decompressed body
   * @throws UploadTooLarge when the decompressed body (or a gzip body on the wire) exceeds the
   *     limit
   * @throws MalformedUpload when the gzip stream is truncated or corrupt
   * @throws io.blindspot.core.backup.listing.ListingFormatException for a malformed line
   */
  public static SpooledListing read(
      InputStream body, boolean gzip, long maxBytes, ListingReader reader, ListingMatcher matcher)
      throws IOException {
    Path file = Files.createTempFile("blindspot-listing-", ".gz");
    try {
      MessageDigest digest = newDigest();
      Limited limited;
      FirstLine first;
      ListingMatcher.Result result;
      try (OutputStream spool = new BufferedOutputStream(Files.newOutputStream(file), BUFFER)) {
        if (gzip) {
          // gzip adds a few bytes per 16 KiB block to incompressible content, hence the slack.
          InputStream wire =
              new Tee(new Limited(body, maxBytes + maxBytes / 1000 + 1024, maxBytes, null), spool);
          limited = new Limited(new Inflating(wire), maxBytes, maxBytes, digest);
          first = new FirstLine(limited);
          result = matcher.match(first, reader);
          drain(first);
          drain(wire); // whatever follows the last gzip member is kept too, under the wire limit
        } else {
          try (GZIPOutputStream compressed = new FastGzip(spool)) {
            limited = new Limited(body, maxBytes, maxBytes, digest);
            first = new FirstLine(new Tee(limited, compressed));
            result = matcher.match(first, reader);
            drain(first);
          }
        }
      }
      return new SpooledListing(file, digest.digest(), limited.count, result, first.line());
    } catch (IOException | RuntimeException | Error e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** The gzip form of the body, to store. */
  public Path file() {
    return file;
  }

  /** SHA-256 of the decompressed body. */
  public byte[] sha256() {
    return sha256.clone();
  }

  /** The decompressed size. */
  public long size() {
    return size;
  }

  public ListingMatcher.Result result() {
    return result;
  }

  /** The listing's first line (without its newline; at most 64 KiB), "" for an empty listing. */
  public String firstLine() {
    return firstLine;
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[BUFFER];
    while (in.read(buffer) >= 0) {
      // the rest of the body still counts: hashed, limited and spooled
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Counts (and hashes) what passes, failing at the first byte over the limit. */
  private static final class Limited extends FilterInputStream {
    private final long limit;
    private final long reported;
    private final MessageDigest digest;
    long count;

    Limited(InputStream in, long limit, long reported, MessageDigest digest) {
      super(in);
      this.limit = limit;
      this.reported = reported;
      this.digest = digest;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
        if (count > limit) {
          throw new UploadTooLarge(reported);
        }
        if (digest != null) {
          digest.update(b, off, n);
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      return n <= 0 ? 0 : Math.max(0, read(new byte[BUFFER], 0, (int) Math.min(n, BUFFER)));
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }

  /** Copies what is read to an output stream. */
  private static final class Tee extends FilterInputStream {
    private final OutputStream copy;

    Tee(InputStream in, OutputStream copy) {
      super(in);
      this.copy = copy;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        copy.write(b, off, n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      return n <= 0 ? 0 : Math.max(0, read(new byte[BUFFER], 0, (int) Math.min(n, BUFFER)));
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }

  /** gzip decompression whose stream failures are the client's: a corrupt or truncated body. */
  private static final class Inflating extends InputStream {
    private final InputStream wire;
    private GZIPInputStream gzip;

    Inflating(InputStream wire) {
      this.wire = wire;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        if (gzip == null) {
          gzip = new GZIPInputStream(wire, BUFFER);
        }
        return gzip.read(b, off, len);
      } catch (UploadTooLarge e) {
        throw e;
      } catch (IOException e) {
        throw new MalformedUpload("the gzip body is truncated or corrupt: " + e.getMessage(), e);
      }
    }
  }

  /** Keeps the first line that passes. */
  private static final class FirstLine extends FilterInputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean done;

    FirstLine(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      for (int i = off; !done && i < off + n; i++) {
        if (b[i] == '\n' || line.size() >= FIRST_LINE_MAX) {
          done = true;
        } else {
          line.write(b[i]);
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      return n <= 0 ? 0 : Math.max(0, read(new byte[BUFFER], 0, (int) Math.min(n, BUFFER)));
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    String line() {
      String text = line.toString(StandardCharsets.UTF_8);
      return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
  }

  /** gzip favouring speed over the last few percent of size, as UploadBody does. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, BUFFER);
      def.setLevel(Deflater.BEST_SPEED);
    }

    @Override
    public void close() throws IOException {
      finish(); // the spool itself is closed by its owner
      def.end();
    }
  }
}
