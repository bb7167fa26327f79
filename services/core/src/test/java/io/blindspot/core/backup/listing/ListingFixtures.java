package io.blindspot.core.backup.listing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Synthetic listings for the matcher test and benchmark. */
public final class ListingFixtures {
  private ListingFixtures() {}

  public static String path(int i) {
    return "/srv/data/d" + (i % 997) + "/sub" + (i % 31) + "/file-" + i + ".dat";
  }

  /** text/plain, n lines. */
  public static byte[] plainListing(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(n * 48);
    writePlainListing(out, n);
    return out.toByteArray();
  }

  /** text/plain, n lines, written to a stream (a listing larger than the heap, for instance). */
  public static void writePlainListing(OutputStream out, int n) {
    try {
      for (int i = 0; i < n; i++) {
        out.write((path(i) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** restic ls --json, n node lines after the snapshot line. */
  public static byte[] resticListing(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(n * 300);
    writeResticListing(out, n);
    return out.toByteArray();
  }

  /** restic ls --json, n node lines after the snapshot line, written to a stream. */
  public static void writeResticListing(OutputStream out, int n) {
    try {
      writeRestic(out, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeRestic(OutputStream out, int n) throws IOException {
    out.write(
        "{\"time\":\"2024-01-01T00:00:00Z\",\"paths\":[\"/srv\"],\"hostname\":\"h\",\"struct_type\":\"snapshot\"}\n"
            .getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < n; i++) {
      String p = path(i);
      out.write(
          ("{\"name\":\"file-"
                  + i
                  + ".dat\",\"type\":\"file\",\"path\":\""
                  + p
                  + "\",\"uid\":0,\"gid\":0,\"size\":1234,\"mode\":420,\"permissions\":\"-rw-r--r--\","
                  + "\"mtime\":\"2024-01-01T00:00:00Z\",\"atime\":\"2024-01-01T00:00:00Z\","
                  + "\"ctime\":\"2024-01-01T00:00:00Z\",\"struct_type\":\"node\"}\n")
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  /** k paths of interest: half present (every other listed one), half absent. */
  public static List<String> interest(int n, int k) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < k / 2; i++) {
      out.add(path((int) ((long) i * (n / (k / 2)))));
      out.add("/absent/" + i);
    }
    return out;
  }
}
