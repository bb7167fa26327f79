package io.blindspot.core.packages;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Walks the regular files of an uploaded tar, gzip or not, one entry at a time without buffering
 * the archive. Shared by the archive formats (Portage vdb, pacman local db).
 *
 * <p>Entry names are normalised: a leading {@code ./} or {@code /} is dropped, so archives made
 * with {@code tar -C / var/db/pkg} and {@code tar -P /var/db/pkg} read the same. Names with a
 * {@code ..} segment are rejected outright: nothing here writes to disk, but such an archive was
 * not made by tar from a package database and later code must be able to trust names.
 */
final class TarEntries implements AutoCloseable {

  private final TarArchiveInputStream tar;
  private TarArchiveEntry current;
  private String currentName;

  TarEntries(InputStream in) throws IOException, PackageFormatException {
    // The caller owns {@code in}; closing this closes only what was stacked on top of it.
    BufferedInputStream buffered = new BufferedInputStream(new NonClosing(in), 1 << 16);
    buffered.mark(2);
    int b1 = buffered.read();
    int b2 = buffered.read();
    buffered.reset();
    InputStream raw = buffered;
    if (b1 == 0x1f && b2 == 0x8b) {
      try {
        raw = new GZIPInputStream(buffered, 1 << 16);
      } catch (ZipException e) {
        throw new PackageFormatException(null, 0, "corrupt gzip stream: " + e.getMessage());
      }
    }
    this.tar = new TarArchiveInputStream(raw, StandardCharsets.UTF_8.name());
  }

  /**
   * Advances to the next regular file and returns its normalised name, or null at the end.
   * Directories, links and device entries are skipped.
   */
  String next() throws IOException, PackageFormatException {
    while (true) {
      try {
        current = tar.getNextEntry();
      } catch (ZipException e) {
        throw new PackageFormatException(
            currentName, 0, "corrupt gzip stream after this entry: " + e.getMessage());
      } catch (IOException e) {
        // commons-compress reports an unparsable header as "Corrupted TAR archive." caused by an
        // IllegalArgumentException; anything else is the transport's problem.
        if (e.getCause() instanceof IllegalArgumentException
            || String.valueOf(e.getMessage()).startsWith("Corrupted TAR archive")) {
          throw new PackageFormatException(
              currentName,
              0,
              (currentName == null
                      ? "not a tar archive: "
                      : "corrupt tar header after this entry: ")
                  + e.getMessage());
        }
        throw e;
      }
      if (current == null) {
        currentName = null;
        return null;
      }
      String name = normalise(current.getName());
      currentName = name;
      if (current.isFile()) {
        return name;
      }
    }
  }

  /** The normalised name of the current entry; null before the first and after the last. */
  String currentName() {
    return currentName;
  }

  /**
   * Maps a failure while reading the archive to a format error when the archive itself is broken:
   * it ends early ({@link EOFException}) or its gzip data is corrupt ({@link ZipException}). Other
   * I/O errors are the transport's and are rethrown as they are.
   */
  PackageFormatException brokenArchive(IOException e) throws IOException {
    if (e instanceof EOFException) {
      return new PackageFormatException(currentName, 0, "archive is truncated: " + e.getMessage());
    }
    if (e instanceof ZipException) {
      return new PackageFormatException(currentName, 0, "corrupt gzip data: " + e.getMessage());
    }
    throw e;
  }

  /** The entry's declared size in bytes. */
  long size() {
    return current.getSize();
  }

  /**
   * The current entry's content as UTF-8 lines, after checking it is at most {@code maxBytes}; the
   * reader must be consumed before {@link #next()} and must not be closed by the caller.
   */
  BufferedReader lines(long maxBytes) throws PackageFormatException {
    checkSize(maxBytes);
    // Sized to the entry: thousands of small desc/CONTENTS files must not each allocate 64 KiB.
    int buffer = (int) Math.max(64, Math.min(current.getSize(), 8192));
    return new BufferedReader(
        new InputStreamReader(new NonClosing(tar), StandardCharsets.UTF_8), buffer);
  }

  /** The current entry's whole content as a trimmed UTF-8 string, bounded by {@code maxBytes}. */
  String text(long maxBytes) throws IOException, PackageFormatException {
    checkSize(maxBytes);
    return new String(tar.readNBytes((int) maxBytes), StandardCharsets.UTF_8).strip();
  }

  private void checkSize(long maxBytes) throws PackageFormatException {
    if (current.getSize() > maxBytes) {
      throw new PackageFormatException(
          currentName,
          0,
          "entry is " + current.getSize() + " bytes, more than the " + maxBytes + " allowed");
    }
  }

  static String normalise(String name) throws PackageFormatException {
    String n = name.replace('\\', '/');
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.substring(n.startsWith("./") ? 2 : 1);
    }
    for (String segment : n.split("/")) {
      if (segment.equals("..")) {
        throw new PackageFormatException(name, 0, "path traversal in archive entry name");
      }
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }

  /** Lets a reader wrap the tar stream for one entry without closing the archive. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the archive stays open for the next entry
    }
  }
}
