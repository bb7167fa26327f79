package io.blindspot.core.packages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds upload archives for the tests, the way an agent would with tar. */
final class TestArchives {

  private TestArchives() {}

  /** A directory under src/test/resources. */
  static Path resource(String name) {
    URL url = TestArchives.class.getResource("/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Tars every file and directory under {@code root}, names relative to it with {@code prefix} ("",
   * "./" or "/") in front, in sorted depth-first order like GNU tar over a tree.
   */
  static byte[] tar(Path root, String prefix, boolean gzip) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes;
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(root)) {
        paths = walk.filter(p -> !p.equals(root)).sorted().toList();
      }
      for (Path path : paths) {
        String name = prefix + root.relativize(path).toString().replace('\\', '/');
        if (Files.isDirectory(path)) {
          tar.putArchiveEntry(new TarArchiveEntry(name + "/", true));
          tar.closeArchiveEntry();
        } else {
          byte[] content = Files.readAllBytes(path);
          TarArchiveEntry entry = new TarArchiveEntry(name, true);
          entry.setSize(content.length);
          tar.putArchiveEntry(entry);
          tar.write(content);
          tar.closeArchiveEntry();
        }
      }
    }
    return bytes.toByteArray();
  }

  /** A plain tar of the given name to content entries, in map order. */
  static byte[] tar(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, String> e : entries.entrySet()) {
        byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
