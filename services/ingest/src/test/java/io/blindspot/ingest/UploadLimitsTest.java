package io.blindspot.ingest;

import static io.blindspot.ingest.TestAgents.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.blindspot.ingest.TestAgents.Agent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Every way an upload is refused, and that a refused upload leaves nothing behind. */
@QuarkusTest
class UploadLimitsTest {

  @Inject DataSource db;

  private void assertNothingStored(Agent agent) {
    for (String table :
        new String[] {
          "uploads",
          "package_snapshots",
          "inventory_snapshots",
          "server_reports",
          "installed_packages"
        }) {
      assertThat(
              count(db, "SELECT count(*) FROM " + table + " WHERE server_id = ?", agent.serverId()))
          .as(table)
          .isZero();
    }
  }

  @Test
  void malformedDpkgStatusNamesTheLine() {
    Agent agent = TestAgents.enroll(db);
    String broken =
        Samples.DPKG_SMALL.replace(
            "Architecture: amd64\nVersion: 1.21", "this is no field\nVersion: 1.21");
    int line = Arrays.asList(broken.split("\n", -1)).indexOf("this is no field") + 1;

    given()
        .header("Authorization", agent.bearer())
        .contentType("text/x-dpkg-status")
        .body(broken)
        .put("/api/v1/agent/packages")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(
            "detail",
            allOf(containsString(String.valueOf(line)), containsString("this is no field")))
        .body("violations[0].line", equalTo(line));
    assertNothingStored(agent);
  }

  @Test
  void malformedPortageVdbNamesTheEntry() {
    Agent agent = TestAgents.enroll(db);
    given()
        .header("Authorization", agent.bearer())
        .contentType("application/x-portage-vdb")
        .body(Samples.portageVdbWithWrongCategory())
        .put("/api/v1/agent/packages")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("var/db/pkg/sys-apps/portage-3.0.63-r1/CATEGORY"))
        .body("violations[0].entry", equalTo("var/db/pkg/sys-apps/portage-3.0.63-r1/CATEGORY"))
        .body("violations[0].line", equalTo(1));
    assertNothingStored(agent);
  }

  @Test
  void unknownContentTypeListsTheSupportedOnes() {
    Agent agent = TestAgents.enroll(db);
    given()
        .header("Authorization", agent.bearer())
        .contentType("text/x-slackware-packages")
        .body("whatever")
        .put("/api/v1/agent/packages")
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body(
            "detail",
            allOf(
                containsString("text/x-dpkg-status"),
                containsString("application/x-portage-vdb"),
                containsString("text/x-rpm-qa"),
                containsString("text/x-apk-installed"),
                containsString("application/x-pacman-local"),
                containsString("application/json")));
    given()
        .header("Authorization", agent.bearer())
        .header("Content-Encoding", "br")
        .contentType("text/x-dpkg-status")
        .body(Samples.DPKG_SMALL)
        .put("/api/v1/agent/packages")
        .then()
        .statusCode(415)
        .body("detail", containsString("gzip"));
    assertNothingStored(agent);
  }

  @Test
  void aBodyOverTheLimitIsRefused() {
    // The test profile's limit is 2 MiB, the wire limit 3 MiB: this one reaches the service.
    Agent agent = TestAgents.enroll(db);
    byte[] big = new byte[2 * 1024 * 1024 + 1];
    Arrays.fill(big, (byte) 'x');
    given()
        .header("Authorization", agent.bearer())
        .contentType("text/x-rpm-qa")
        .body(big)
        .put("/api/v1/agent/packages")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("detail", containsString("2097152"));
    assertNothingStored(agent);
  }

  @Test
  void aGzipBombIsStoppedAtTheLimit() throws IOException {
    // 1 GiB of zeros, deflated to about 1 MiB, made in a stream without holding the GiB.
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(compressed, 1 << 16)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 1024; i++) {
        gzip.write(zeros);
      }
    }
    byte[] bomb = compressed.toByteArray();
    assertThat(bomb.length).isLessThan(3 * 1024 * 1024);
    Agent agent = TestAgents.enroll(db);

    for (String path : new String[] {"/api/v1/agent/packages", "/api/v1/agent/inventory"}) {
      given()
          .header("Authorization", agent.bearer())
          .header("Content-Encoding", "gzip")
          .contentType(path.endsWith("packages") ? "text/x-dpkg-status" : "application/json")
          .body(bomb)
          .put(path)
          .then()
          .statusCode(413)
          .contentType("application/problem+json");
    }
    assertNothingStored(agent);
  }

  @Test
  void truncatedOrCorruptGzipIsABadRequest() {
    Agent agent = TestAgents.enroll(db);
    byte[] whole = Samples.gzip(Samples.DPKG_SMALL);
    byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
    byte[] notGzip = Samples.DPKG_SMALL.getBytes(StandardCharsets.UTF_8);
    byte[] corrupt = whole.clone();
    for (int i = 12; i < corrupt.length - 8; i++) {
      corrupt[i] ^= 0x5a;
    }
    for (byte[] body : new byte[][] {truncated, notGzip, corrupt}) {
      given()
          .header("Authorization", agent.bearer())
          .header("Content-Encoding", "gzip")
          .contentType("text/x-dpkg-status")
          .body(body)
          .put("/api/v1/agent/packages")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("detail", containsString("gzip"));
    }
    assertNothingStored(agent);
  }

  @Test
  void malformedCanonicalJsonNamesThePointer() {
    Agent agent = TestAgents.enroll(db);
    given()
        .header("Authorization", agent.bearer())
        .contentType("application/json")
        .body(Map.of("manager", "dpkg", "packages", new Object[] {Map.of("name", "openssl")}))
        .put("/api/v1/agent/packages")
        .then()
        .statusCode(400)
        .body("violations[0].entry", equalTo("/packages/0/version"));
    assertNothingStored(agent);
  }
}
