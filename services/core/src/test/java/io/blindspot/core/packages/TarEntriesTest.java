package io.blindspot.core.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class TarEntriesTest {

  private static List<String> names(byte[] archive) throws Exception {
    List<String> names = new ArrayList<>();
    try (TarEntries tar = new TarEntries(new ByteArrayInputStream(archive))) {
      for (String n = tar.next(); n != null; n = tar.next()) {
        names.add(n);
      }
    }
    return names;
  }

  @Test
  void leadingDotSlashAndSlashAreDropped() throws Exception {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("./var/a", "1");
    entries.put("/var/b", "2");
    entries.put("var/c", "3");
    assertThat(names(TestArchives.tar(entries))).containsExactly("var/a", "var/b", "var/c");
  }

  @Test
  void gzipIsRecognisedByItsMagicBytes() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(TestArchives.tar(Map.of("var/x", "x")));
    }
    assertThat(names(gz.toByteArray())).containsExactly("var/x");
  }

  @Test
  void dotDotSegmentsAreRejected() {
    assertThatThrownBy(() -> names(TestArchives.tar(Map.of("var/../../etc/shadow", "x"))))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("path traversal");
    assertThatThrownBy(() -> TarEntries.normalise("..\\windows"))
        .isInstanceOf(PackageFormatException.class);
  }

  @Test
  void entriesOverTheLimitAreRejectedBeforeReading() throws Exception {
    byte[] archive = TestArchives.tar(Map.of("var/big", "0123456789"));
    try (TarEntries tar = new TarEntries(new ByteArrayInputStream(archive))) {
      assertThat(tar.next()).isEqualTo("var/big");
      assertThatThrownBy(() -> tar.lines(9))
          .isInstanceOf(PackageFormatException.class)
          .hasMessageContaining("var/big")
          .hasMessageContaining("10 bytes");
    }
  }

  @Test
  void garbageIsNotATar() {
    byte[] garbage =
        "Package: adduser\nStatus: install ok installed\n"
            .repeat(20)
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> names(garbage)).isInstanceOf(PackageFormatException.class);
  }

  @Test
  void truncatedGzipIsAFormatErrorInTheParsers() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(TestArchives.tar(TestArchives.resource("packages/portage/vdb"), "", false));
    }
    byte[] truncated = Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
    assertThatThrownBy(() -> new PortageVdbParser().parse(new ByteArrayInputStream(truncated)))
        .isInstanceOf(PackageFormatException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void theCallersStreamIsNotClosed() throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    InputStream in =
        new ByteArrayInputStream(TestArchives.tar(Map.of("var/x", "x"))) {
          @Override
          public void close() {
            closed.set(true);
          }
        };
    try (TarEntries tar = new TarEntries(in)) {
      while (tar.next() != null) {
        // drain
      }
    }
    assertThat(closed).isFalse();
  }
}
