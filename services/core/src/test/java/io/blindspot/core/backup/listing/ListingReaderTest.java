package io.blindspot.core.backup.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blindspot.core.backup.glob.DiffSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers on listings produced by the real tools (saved as test resources). */
class ListingReaderTest {

  /** The tree the saved listings were made from (/tmp/lst/src), in listing-independent order. */
  private static final List<String> SRC =
      List.of(
          "dir with space/",
          "dir with space/sub/",
          "dir with space/a b.txt",
          "dir with space/link",
          "ünï/",
          "ünï/é.txt",
          "back\\slash",
          "tab\tname",
          "quote\"d",
          "arrow -> x",
          "fifo");

  private static List<String> read(String mediaType, InputStream in) throws IOException {
    List<String> out = new ArrayList<>();
    ListingReader.forMediaType(mediaType).read(in, out::add);
    return out;
  }

  private static InputStream resource(String name) {
    InputStream in = ListingReaderTest.class.getResourceAsStream("/backup/" + name);
    assertThat(in).as(name).isNotNull();
    return in;
  }

  private static List<String> under(String root) {
    List<String> out = new ArrayList<>();
    out.add(root + "/");
    for (String s : SRC) {
      out.add(root + "/" + s);
    }
    return out;
  }

  @Test
  void resticLsJson() throws IOException {
    List<String> paths = read(ListingReader.RESTIC_LS_JSON, resource("restic/restic-ls.json"));
    List<String> expected = new ArrayList<>(List.of("/tmp/", "/tmp/lst/"));
    expected.addAll(under("/tmp/lst/src"));
    assertThat(paths).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void borgListJsonLines() throws IOException {
    List<String> paths = read(ListingReader.BORG_LIST_JSON, resource("borg/borg-list.jsonl"));
    assertThat(paths).containsExactlyInAnyOrderElementsOf(under("/tmp/lst/src"));
  }

  @Test
  void tarVerboseAndPlain() throws IOException {
    List<String> expected = under("/src");
    assertThat(read(ListingReader.TAR_LISTING, resource("tar/tar-tv.txt")))
        .containsExactlyInAnyOrderElementsOf(expected);
    // plain tar -t cannot tell directories from files except by the trailing '/'
    assertThat(read(ListingReader.TAR_LISTING, resource("tar/tar-t.txt")))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void tarListingWithBaseDirectory() throws IOException {
    List<String> out = new ArrayList<>();
    ListingReader.tarListing("/tmp/lst").read(resource("tar/tar-tv.txt"), out::add);
    assertThat(out).containsExactlyInAnyOrderElementsOf(under("/tmp/lst/src"));
  }

  @Test
  void tarDeviceAndHardLinkLines() throws IOException {
    String tv =
        "crw-r--r-- root/root       1,3 2024-01-01 00:00 dev/null\n"
            + "hrw-r--r-- root/root         0 2024-01-01 00:00 ./etc/b link to etc/a\n"
            + "-rw-r--r-- root/root       12 2024-01-01 00:00 /abs\\303\\251\n";
    assertThat(
            read(
                ListingReader.TAR_LISTING,
                new ByteArrayInputStream(tv.getBytes(StandardCharsets.UTF_8))))
        .containsExactly("/dev/null", "/etc/b", "/absé");
  }

  @Test
  void dirvishIndexFromRealFindLs(@TempDir Path tmp) throws IOException {
    Path tree = tmp.resolve("vault/20240101/tree");
    Files.createDirectories(tree.resolve("dir with space/sub"));
    Files.createDirectories(tree.resolve("ünï"));
    for (String f :
        List.of(
            "dir with space/a b.txt",
            "ünï/é.txt",
            "back\\slash",
            "tab\tname",
            "quote\"d",
            "arrow -> x",
            "fifo")) {
      Files.writeString(tree.resolve(f), "x");
    }
    Files.createSymbolicLink(tree.resolve("dir with space/link"), Path.of("a b.txt"));
    // what dirvish does: find TREE -ls, " TREE/" replaced by " SRCTREE/"
    DiffSupport.Result find =
        DiffSupport.run(List.of("find", tree.toString(), "-ls"), Map.of(), tmp);
    assertThat(find.exit()).as(find.stderr()).isZero();
    String index = find.out().replace(" " + tree + "/", " /home/user/");
    List<String> paths =
        read(
            ListingReader.DIRVISH_INDEX,
            new ByteArrayInputStream(index.getBytes(StandardCharsets.UTF_8)));
    assertThat(paths).containsExactlyInAnyOrderElementsOf(under("/home/user"));
  }

  @Test
  void dirvishIndexOfRootTree() throws IOException {
    String index =
        "  2 4 drwxr-xr-x  20 root root 4096 Jan  1  2024 /bank/v/img/tree\n"
            + " 11 4 drwxr-xr-x   3 root root 4096 Jan  1 12:00 /etc\n"
            + " 12 4 -rw-r--r--   1 root root   10 Jan  1 12:00 /etc/passwd\n";
    assertThat(
            read(
                ListingReader.DIRVISH_INDEX,
                new ByteArrayInputStream(index.getBytes(StandardCharsets.UTF_8))))
        .containsExactly("/", "/etc/", "/etc/passwd");
  }

  @Test
  void errorsNameTheLine() {
    String bad = "/ok\nrelative/path\n";
    assertThatThrownBy(
            () ->
                read(
                    ListingReader.TEXT_PLAIN,
                    new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(ListingFormatException.class)
        .hasMessageContaining("line 2");
    String badJson = "{\"path\":\"/a\",\"type\":\"file\"}\n{not json\n";
    assertThatThrownBy(
            () ->
                read(
                    ListingReader.RESTIC_LS_JSON,
                    new ByteArrayInputStream(badJson.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(ListingFormatException.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(
            () ->
                read(
                    ListingReader.DIRVISH_INDEX,
                    new ByteArrayInputStream("x y z\n".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(ListingFormatException.class)
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> ListingReader.forMediaType("application/zip"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jsonEscapesAndCrlf() throws IOException {
    String json =
        "{\"type\":\"file\",\"path\":\"/a\\\"b\\\\c\\u00e9\",\"x\":{\"path\":\"/nested\"}}\r\n";
    assertThat(
            read(
                ListingReader.RESTIC_LS_JSON,
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .containsExactly("/a\"b\\cé");
  }

  @Test
  void matcherTellsPresentAndAbsent() throws IOException {
    ListingMatcher m =
        new ListingMatcher(
            List.of(
                "/tmp/lst/src/ünï/é.txt",
                "/tmp/lst/src/dir with space",
                "/nope",
                "/tmp/lst/src/fifo/"));
    ListingMatcher.Result r =
        m.match(
            resource("borg/borg-list.jsonl"),
            ListingReader.forMediaType(ListingReader.BORG_LIST_JSON));
    assertThat(r.present())
        .containsExactly(
            "/tmp/lst/src/ünï/é.txt", "/tmp/lst/src/dir with space", "/tmp/lst/src/fifo/");
    assertThat(r.absent()).containsExactly("/nope");
    assertThat(r.entries()).isEqualTo(12);
  }

  @Test
  void matcherKeepsUpWithAMillionLines() throws IOException {
    int n = 1_000_000;
    byte[] listing = ListingFixtures.plainListing(n);
    List<String> interest = ListingFixtures.interest(n, 5000);
    ListingMatcher m = new ListingMatcher(interest);
    ListingReader reader = ListingReader.forMediaType(ListingReader.TEXT_PLAIN);
    m.match(new ByteArrayInputStream(listing), reader); // warm up
    long t0 = System.nanoTime();
    ListingMatcher.Result r = m.match(new ByteArrayInputStream(listing), reader);
    double secs = (System.nanoTime() - t0) / 1e9;
    assertThat(r.entries()).isEqualTo(n);
    assertThat(r.present()).hasSize(2500);
    assertThat(r.absent()).hasSize(2500);
    // the JMH benchmark measures properly; this only guards against gross regressions on a
    // shared 2-core machine
    assertThat(n / secs).as("lines per second").isGreaterThan(250_000);
  }
}
