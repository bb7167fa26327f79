package io.blindspot.ingest;

import static io.blindspot.ingest.TestAgents.count;
import static io.blindspot.ingest.TestAgents.value;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.blindspot.ingest.TestAgents.Agent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ListingUploadTest {

  /** Homes where the real listings' trees are, so that they hold paths of interest. */
  static final String INVENTORY =
      """
      {"hostname": "web1", "machineId": "4c4c4544", "os": {"id": "debian"},
       "kernel": "6.1.0-28-amd64", "architecture": "x86_64",
       "homes": ["/tmp/lst/src", "/src", "/home/alice"]}
      """;

  static final String JOBS =
      "["
          + BackupUploadTest.NIGHTLY
          + ","
          + BackupUploadTest.DIRVISH
          + ","
          + "{\"name\": \"restic\", \"tool\": \"restic\", \"command\": [\"restic\", \"backup\", \"/\"]},"
          + "{\"name\": \"borg\", \"tool\": \"borg\", \"command\": [\"borg\", \"create\", \"repo::a\", \"/\"]},"
          + "{\"name\": \"tar\", \"tool\": \"tar\", \"command\": [\"tar\", \"-cf\", \"/backup/all.tar\", \"/\"]}"
          + "]";

  @Inject DataSource db;

  @TestHTTPResource("/")
  URL base;

  static byte[] resource(String name) {
    try (InputStream in = ListingUploadTest.class.getResourceAsStream("/listings/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An agent with an inventory and the jobs of {@link #JOBS}. */
  Agent agentWithJobs() {
    Agent agent = TestAgents.enroll(db);
    given()
        .header("Authorization", agent.bearer())
        .contentType("application/json")
        .body(INVENTORY)
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(201);
    BackupUploadTest.upload(agent, JOBS).statusCode(201);
    return agent;
  }

  static ValidatableResponse listing(Agent agent, String job, String contentType, byte[] body) {
    return given()
        .header("Authorization", agent.bearer())
        .contentType(contentType)
        .body(body)
        .put("/api/v1/agent/backups/" + job + "/listing")
        .then();
  }

  private List<Object> present(Agent agent, String job) {
    return TestAgents.column(
        db,
        "SELECT jsonb_array_elements_text(present_paths) FROM backup_listings"
            + " WHERE server_id = ? AND job_name = ?",
        agent.serverId(),
        job);
  }

  @Test
  void resticLsJson() {
    Agent agent = agentWithJobs();
    listing(agent, "restic", "application/x-restic-ls+json", resource("restic-ls.json"))
        .statusCode(201)
        .body("unchanged", equalTo(false))
        .body("entries", equalTo(14))
        .body("present", equalTo(1));
    assertThat(present(agent, "restic")).containsExactly("/tmp/lst/src/");
    assertThat(
            value(
                db,
                "SELECT snapshot || ' ' || content_type || ' ' || entry_count FROM backup_listings"
                    + " WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo(
            "7a456fa226f776496bf88b226ff4ba3609f4f2ae5a05314f7cd8b501218d127c"
                + " application/x-restic-ls+json 14");
    assertThat(
            value(
                db,
                "SELECT jsonb_array_length(checked_paths) > 3"
                    + " AND checked_paths @> '[\"/etc/\", \"/tmp/lst/src/\"]'::jsonb"
                    + " FROM backup_listings WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo(true);
  }

  @Test
  void borgListJsonLines() {
    Agent agent = agentWithJobs();
    listing(agent, "borg", "application/x-borg-list+json", resource("borg-list.jsonl"))
        .statusCode(201)
        .body("entries", equalTo(12))
        .body("present", equalTo(1));
    assertThat(present(agent, "borg")).containsExactly("/tmp/lst/src/");
  }

  @Test
  void tarListing() {
    Agent agent = agentWithJobs();
    listing(agent, "tar", "text/x-tar-listing", resource("tar-tv.txt"))
        .statusCode(201)
        .body("entries", equalTo(12))
        .body("present", equalTo(1));
    assertThat(present(agent, "tar")).containsExactly("/src/");
  }

  @Test
  void dirvishIndexNamesItsImage() {
    Agent agent = agentWithJobs();
    listing(agent, "dirvish-root", "text/x-dirvish-index", resource("dirvish-index.txt"))
        .statusCode(201)
        .body("entries", equalTo(17))
        .body("present", equalTo(4));
    assertThat(present(agent, "dirvish-root"))
        .containsExactlyInAnyOrder("/etc/", "/etc/fstab", "/boot/", "/home/alice/");
    assertThat(
            value(
                db,
                "SELECT snapshot FROM backup_listings WHERE server_id = ? AND job_name = ?",
                agent.serverId(),
                "dirvish-root"))
        .isEqualTo("20261125");
  }

  @Test
  void plainTextGzipIsStoredAsSentAndTheSameBodyIsUnchanged() throws IOException {
    Agent agent = agentWithJobs();
    String paths = "/\n/etc/\n/etc/fstab\n/home/\n/home/alice/\n/home/alice/notes.txt\n";
    byte[] gzip = Samples.gzip(paths);
    given()
        .header("Authorization", agent.bearer())
        .header("Content-Encoding", "gzip")
        .contentType("text/plain; charset=utf-8")
        .body(gzip)
        .put("/api/v1/agent/backups/nightly/listing")
        .then()
        .statusCode(201)
        .body("entries", equalTo(6))
        .body("present", equalTo(3));
    byte[] stored =
        (byte[])
            value(
                db,
                "SELECT body_gzip FROM uploads WHERE server_id = ? AND kind = 'listing'",
                agent.serverId());
    assertThat(stored).isEqualTo(gzip);
    assertThat(
            value(
                db,
                "SELECT size_bytes FROM uploads WHERE server_id = ? AND kind = 'listing'",
                agent.serverId()))
        .isEqualTo((long) paths.length());

    // The same content, sent plain this time: unchanged, nothing more stored.
    listing(agent, "nightly", "text/plain", paths.getBytes(StandardCharsets.UTF_8))
        .statusCode(200)
        .body("unchanged", equalTo(true));
    assertThat(
            count(
                db,
                "SELECT count(*) FROM uploads WHERE server_id = ? AND kind = 'listing'",
                agent.serverId()))
        .isOne();
    assertThat(
            value(
                db,
                "SELECT upload_id FROM server_reports r JOIN backup_listings l USING (server_id)"
                    + " WHERE r.server_id = ? AND r.kind = 'listing:nightly'"
                    + " AND r.snapshot_id = l.upload_id",
                agent.serverId()))
        .isNotNull();

    // A plain body is compressed here.
    String later = paths + "/root/\n";
    listing(agent, "nightly", "text/plain", later.getBytes(StandardCharsets.UTF_8))
        .statusCode(201)
        .body("entries", equalTo(7))
        .body("present", equalTo(4));
    byte[] compressed =
        (byte[])
            value(
                db,
                "SELECT body_gzip FROM uploads WHERE server_id = ? AND kind = 'listing'"
                    + " ORDER BY upload_id DESC LIMIT 1",
                agent.serverId());
    try (var in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(later);
    }
  }

  @Test
  void anUnknownJobIsNotFound() {
    Agent agent = agentWithJobs();
    listing(agent, "weekly", "text/plain", "/etc/\n".getBytes(StandardCharsets.UTF_8))
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("weekly"));
    assertThat(
            count(
                db,
                "SELECT count(*) FROM uploads WHERE server_id = ? AND kind = 'listing'",
                agent.serverId()))
        .isZero();
  }

  @Test
  void anUnknownContentTypeIsUnsupported() {
    Agent agent = agentWithJobs();
    listing(agent, "nightly", "application/zip", new byte[] {1, 2, 3})
        .statusCode(415)
        .contentType("application/problem+json")
        .body("detail", containsString("text/x-dirvish-index"));
  }

  @Test
  void aMalformedLineIsNamed() {
    Agent agent = agentWithJobs();
    listing(
            agent,
            "nightly",
            "text/plain",
            "/etc/\n/etc/fstab\nrelative/path\n".getBytes(StandardCharsets.UTF_8))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("line 3"))
        .body("violations[0].line", equalTo(3));
    listing(
            agent,
            "restic",
            "application/x-restic-ls+json",
            "{\"path\":\"/a\",\"type\":\"file\"}\n{not json\n".getBytes(StandardCharsets.UTF_8))
        .statusCode(400)
        .body("violations[0].line", equalTo(2));
    assertThat(
            count(db, "SELECT count(*) FROM backup_listings WHERE server_id = ?", agent.serverId()))
        .isZero();
  }

  @Test
  void aGzipBombIsStoppedAtTheListingLimit() throws IOException {
    // 96 MiB of path lines (over the test limit of 64 MiB), deflated to well under a MiB.
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(compressed, 1 << 16)) {
      byte[] lines =
          "/srv/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
              .repeat(16384)
              .getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 96; i++) {
        gzip.write(lines);
      }
    }
    byte[] bomb = compressed.toByteArray();
    assertThat(bomb.length).isLessThan(1 << 20);
    Agent agent = agentWithJobs();
    given()
        .header("Authorization", agent.bearer())
        .header("Content-Encoding", "gzip")
        .contentType("text/plain")
        .body(bomb)
        .put("/api/v1/agent/backups/nightly/listing")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("detail", containsString("67108864"));

    byte[] truncated = Arrays.copyOf(Samples.gzip("/etc/\n/etc/fstab\n"), 20);
    given()
        .header("Authorization", agent.bearer())
        .header("Content-Encoding", "gzip")
        .contentType("text/plain")
        .body(truncated)
        .put("/api/v1/agent/backups/nightly/listing")
        .then()
        .statusCode(400)
        .body("detail", containsString("gzip"));
    assertThat(
            count(db, "SELECT count(*) FROM backup_listings WHERE server_id = ?", agent.serverId()))
        .isZero();
  }

  @Test
  void listingsAndJobUploadsAreCountedSizedAndTimed() {
    Agent agent = agentWithJobs();
    byte[] body = "/etc/\n/etc/fstab\n".getBytes(StandardCharsets.UTF_8);
    listing(agent, "nightly", "text/x-tar-listing", body).statusCode(201);
    listing(agent, "nightly", "text/x-tar-listing", body).statusCode(200);
    BackupUploadTest.upload(agent, JOBS).statusCode(200);

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    for (String outcome : List.of("stored", "unchanged")) {
      assertThat(metrics)
          .containsPattern(
              "blindspot_uploads_total\\{[^}]*format=\"text/x-tar-listing\",kind=\"listing\","
                  + "outcome=\""
                  + outcome
                  + "\"[^}]*} [1-9]")
          .containsPattern(
              "blindspot_uploads_total\\{[^}]*format=\"application/json\",kind=\"backups\","
                  + "outcome=\""
                  + outcome
                  + "\"[^}]*} [1-9]");
    }
    assertThat(metrics)
        .containsPattern(
            "blindspot_upload_bytes_count\\{[^}]*format=\"text/x-tar-listing\",kind=\"listing\"[^}]*} [1-9]")
        .containsPattern(
            "blindspot_parse_seconds_count\\{[^}]*format=\"text/x-tar-listing\"[^}]*} [1-9]");
  }

  /**
   * The HTTP limit lets a streamed listing through; every other upload, read whole, keeps its own
   * wire limit: a body over it is refused before it is read.
   */
  @Test
  void otherUploadsKeepTheirOwnWireLimit() {
    Agent agent = agentWithJobs();
    byte[] big = new byte[3 * 1024 * 1024];
    Arrays.fill(big, (byte) 'x');
    given()
        .header("Authorization", agent.bearer())
        .header("Content-Encoding", "gzip")
        .contentType("text/x-dpkg-status")
        .body(big)
        .put("/api/v1/agent/packages")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("detail", containsString("exceeds the limit"));
    // The same size is fine for a listing (and this one is not gzip at all).
    given()
        .header("Authorization", agent.bearer())
        .header("Content-Encoding", "gzip")
        .contentType("text/plain")
        .body(big)
        .put("/api/v1/agent/backups/nightly/listing")
        .then()
        .statusCode(400)
        .body("detail", containsString("gzip"));
  }

  /**
   * A million-line listing, generated as it is sent (never whole in memory on either side), is read
   * in constant memory: the live heap, sampled after a full collection while the upload runs, grows
   * by far less than the body's size.
   */
  @Test
  void aMillionLineListingIsStreamedInConstantMemory() throws Exception {
    Agent agent = agentWithJobs();
    int lines = 1_000_000;
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long baseline = runtime.totalMemory() - runtime.freeMemory();
    // Every post-GC sample, not only the peak: one sample can catch transient buffers of a starved
    // machine (the test shares its JVM with the HTTP client), while a server that holds the body
    // grows through the whole upload and pushes most samples up.
    ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (running.get()) {
                System.gc();
                samples.add(runtime.totalMemory() - runtime.freeMemory() - baseline);
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    HttpResponse<String> response;
    HttpClient client = HttpClient.newHttpClient();
    try {
      response =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "api/v1/agent/backups/nightly/listing"))
                  .header("Authorization", agent.bearer())
                  .header("Content-Type", "text/plain")
                  .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new PathLines(lines)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } finally {
      running.set(false);
      sampler.join();
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.body()).contains("\"entries\":" + (lines + 2)).contains("\"present\":2");
    long body = PathLines.size(lines);
    assertThat(body).isGreaterThan(48L << 20);
    long[] growth = samples.stream().mapToLong(Long::longValue).sorted().toArray();
    assertThat(growth).as("heap samples while the listing streamed").hasSizeGreaterThan(3);
    assertThat(growth[growth.length * 3 / 4])
        .as(
            "heap growth (75th percentile of %s) while a %d-byte listing streamed",
            Arrays.toString(growth), body)
        .isLessThan(body / 2);
    assertThat(
            value(
                db,
                "SELECT entry_count FROM backup_listings WHERE server_id = ? AND job_name = 'nightly'",
                agent.serverId()))
        .isEqualTo((long) lines + 2);
  }

  /** "/etc/", "/etc/fstab", then {@code n} paths under /srv/data, generated as they are read. */
  static final class PathLines extends InputStream {
    private final int lines;
    private int next = -2;
    private byte[] line = new byte[0];
    private int at;

    PathLines(int lines) {
      this.lines = lines;
    }

    static String line(int i) {
      return switch (i) {
        case -2 -> "/etc/\n";
        case -1 -> "/etc/fstab\n";
        default -> String.format("/srv/data/d%04d/file-%07d-with-a-longer-name.dat\n", i / 1000, i);
      };
    }

    static long size(int lines) {
      long size = line(-2).length() + line(-1).length();
      for (int i = 0; i < lines; i++) {
        size += line(i).length();
      }
      return size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = 0;
      while (n < len) {
        if (at == line.length) {
          if (next >= lines) {
            break;
          }
          line = line(next++).getBytes(StandardCharsets.US_ASCII);
          at = 0;
        }
        int chunk = Math.min(len - n, line.length - at);
        System.arraycopy(line, at, b, off + n, chunk);
        at += chunk;
        n += chunk;
      }
      return n == 0 && len > 0 ? -1 : n;
    }
  }
}
