package io.blindspot.ingest;

import static io.blindspot.ingest.TestAgents.column;
import static io.blindspot.ingest.TestAgents.count;
import static io.blindspot.ingest.TestAgents.value;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.blindspot.ingest.TestAgents.Agent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PackageUploadTest {

  @Inject DataSource db;

  private static ValidatableResponse upload(Agent agent, String contentType, String body) {
    return upload(agent, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private static ValidatableResponse upload(Agent agent, String contentType, byte[] body) {
    return given()
        .header("Authorization", agent.bearer())
        .contentType(contentType)
        .body(body)
        .put("/api/v1/agent/packages")
        .then();
  }

  @Test
  void storesTheRealDpkgStatusOfADebianServer() throws IOException {
    Agent agent = TestAgents.enroll(db);
    byte[] status = Samples.realDpkgStatus();

    int packages =
        upload(agent, "text/x-dpkg-status", status)
            .statusCode(201)
            .body("unchanged", equalTo(false))
            .body("snapshotId", notNullValue())
            .body("summary.manager", equalTo("dpkg"))
            .body("summary.removed", empty())
            .body("summary.changed", empty())
            .extract()
            .path("summary.packages");

    assertThat(packages).isGreaterThan(600);
    assertThat(
            count(
                db,
                "SELECT count(*) FROM installed_packages WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo(packages);
    assertThat(
            value(
                db,
                "SELECT package_count FROM package_snapshots WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo(packages);
    assertThat(
            value(
                db,
                "SELECT jsonb_array_length(diff->'added') FROM package_snapshots WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo(packages);
    assertThat(
            value(
                db,
                "SELECT version FROM installed_packages WHERE server_id = ? AND name = 'adduser'",
                agent.serverId()))
        .isEqualTo("3.134");
    // The raw body is kept, gzip-compressed, byte for byte.
    byte[] stored =
        (byte[]) value(db, "SELECT body_gzip FROM uploads WHERE server_id = ?", agent.serverId());
    try (var in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
      assertThat(in.readAllBytes()).isEqualTo(status);
    }
    assertThat(value(db, "SELECT size_bytes FROM uploads WHERE server_id = ?", agent.serverId()))
        .isEqualTo((long) status.length);
  }

  @Test
  void theSameBodyAgainIsUnchangedAndStoresNothing() {
    Agent agent = TestAgents.enroll(db);
    upload(agent, "text/x-dpkg-status", Samples.DPKG_SMALL).statusCode(201);
    Object seenBefore =
        value(db, "SELECT last_seen_at FROM server_reports WHERE server_id = ?", agent.serverId());

    given()
        .header("Authorization", agent.bearer())
        .header("Content-Encoding", "gzip")
        .contentType("text/x-dpkg-status")
        .body(Samples.gzip(Samples.DPKG_SMALL))
        .put("/api/v1/agent/packages")
        .then()
        .statusCode(200)
        .body("unchanged", equalTo(true));

    for (String table : new String[] {"uploads", "package_snapshots"}) {
      assertThat(
              count(db, "SELECT count(*) FROM " + table + " WHERE server_id = ?", agent.serverId()))
          .as(table)
          .isOne();
    }
    Object seenAfter =
        value(db, "SELECT last_seen_at FROM server_reports WHERE server_id = ?", agent.serverId());
    assertThat(seenAfter).isNotEqualTo(seenBefore);
    assertThat(value(db, "SELECT last_seen_at FROM servers WHERE server_id = ?", agent.serverId()))
        .isEqualTo(seenAfter);
  }

  @Test
  void aChangedBodyStoresANewSnapshotWithItsDiff() {
    Agent agent = TestAgents.enroll(db);
    upload(agent, "text/x-dpkg-status", Samples.DPKG_SMALL)
        .statusCode(201)
        .body("summary.packages", equalTo(2))
        .body("summary.added", containsInAnyOrder("openssl.amd64", "wget.amd64"));

    upload(agent, "text/x-dpkg-status", Samples.DPKG_SMALL_LATER)
        .statusCode(201)
        .body("summary.packages", equalTo(2))
        .body("summary.added", contains("curl.amd64"))
        .body("summary.removed", contains("wget.amd64"))
        .body("summary.changed", hasSize(1))
        .body("summary.changed[0].key", equalTo("openssl.amd64"))
        .body("summary.changed[0].from", equalTo("3.0.15-1~deb12u1"))
        .body("summary.changed[0].to", equalTo("3.0.17-1~deb12u2"));

    assertThat(
            column(
                db,
                "SELECT package_key || '=' || version FROM installed_packages WHERE server_id = ?"
                    + " ORDER BY package_key",
                agent.serverId()))
        .containsExactly("curl.amd64=7.88.1-10+deb12u8", "openssl.amd64=3.0.17-1~deb12u2");
    assertThat(
            value(
                db,
                "SELECT r.snapshot_id = max(s.snapshot_id) FROM server_reports r JOIN package_snapshots s"
                    + " USING (server_id) WHERE r.server_id = ? AND r.kind = 'packages'"
                    + " GROUP BY r.snapshot_id",
                agent.serverId()))
        .isEqualTo(true);
    assertThat(
            value(
                db,
                "SELECT diff->'removed'->0->>'key' FROM package_snapshots WHERE server_id = ?"
                    + " ORDER BY snapshot_id DESC LIMIT 1",
                agent.serverId()))
        .isEqualTo("wget.amd64");
  }

  @Test
  void rpmWithSeveralKernelsInstalledSideBySide() {
    Agent agent = TestAgents.enroll(db);
    upload(agent, "text/x-rpm-qa", Samples.RPM_QA)
        .statusCode(201)
        .body("summary.manager", equalTo("rpm"))
        .body("summary.packages", equalTo(4));
    assertThat(
            column(
                db,
                "SELECT version FROM installed_packages WHERE server_id = ? AND name = 'kernel-core'"
                    + " ORDER BY version",
                agent.serverId()))
        .containsExactly("5.14.0-362.8.1.el9_3", "5.14.0-427.13.1.el9_4");
    assertThat(
            value(
                db,
                "SELECT version FROM installed_packages WHERE server_id = ? AND name = 'openssl'",
                agent.serverId()))
        .isEqualTo("1:3.0.7-27.el9");
  }

  @Test
  void apkInstalledDatabase() {
    Agent agent = TestAgents.enroll(db);
    upload(agent, "text/x-apk-installed", Samples.APK_INSTALLED)
        .statusCode(201)
        .body("summary.manager", equalTo("apk"))
        .body("summary.packages", equalTo(2));
    assertThat(
            value(
                db,
                "SELECT version FROM installed_packages WHERE server_id = ? AND name = 'busybox'",
                agent.serverId()))
        .isEqualTo("1.36.1-r29");
  }

  @Test
  void pacmanLocalDatabase() {
    Agent agent = TestAgents.enroll(db);
    upload(agent, "application/x-pacman-local", Samples.pacmanLocal())
        .statusCode(201)
        .body("summary.manager", equalTo("pacman"))
        .body("summary.packages", equalTo(2));
    assertThat(
            column(
                db,
                "SELECT name || ':' || coalesce(explicit::text, '?') FROM installed_packages"
                    + " WHERE server_id = ? ORDER BY name",
                agent.serverId()))
        .containsExactly("bash:true", "glibc:false");
  }

  @Test
  void portageVdb() {
    Agent agent = TestAgents.enroll(db);
    upload(agent, "application/x-portage-vdb", Samples.portageVdb())
        .statusCode(201)
        .body("summary.manager", equalTo("portage"))
        .body("summary.packages", equalTo(2));
    assertThat(
            column(
                db,
                "SELECT package_key || '=' || version || ':' || explicit FROM installed_packages"
                    + " WHERE server_id = ? ORDER BY package_key",
                agent.serverId()))
        .containsExactly(
            "sys-apps/portage:0=3.0.63-r1:false", "sys-kernel/gentoo-sources:6.6.13=6.6.13:true");
  }

  @Test
  void canonicalJson() {
    Agent agent = TestAgents.enroll(db);
    upload(agent, "application/json; charset=utf-8", Samples.CANONICAL_JSON)
        .statusCode(201)
        .body("summary.manager", equalTo("dpkg"))
        .body("summary.packages", equalTo(2));
  }

  @Test
  void keepsOnlyTheNewestUploadsOfEachKind() {
    // The test profile keeps 3 per server and kind.
    Agent agent = TestAgents.enroll(db);
    for (int i = 0; i < 5; i++) {
      upload(agent, "text/x-rpm-qa", "bash\t0\t5.1." + i + "\t9.el9\tx86_64\t1700000001\t(none)\n")
          .statusCode(201);
    }
    given()
        .header("Authorization", agent.bearer())
        .contentType("application/json")
        .body(Samples.INVENTORY)
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(201);

    assertThat(
            count(
                db,
                "SELECT count(*) FROM uploads WHERE server_id = ? AND kind = 'packages'",
                agent.serverId()))
        .isEqualTo(3);
    assertThat(
            count(
                db,
                "SELECT count(*) FROM uploads WHERE server_id = ? AND kind = 'inventory'",
                agent.serverId()))
        .isEqualTo(1);
    // The snapshots themselves are history and stay.
    assertThat(
            count(
                db, "SELECT count(*) FROM package_snapshots WHERE server_id = ?", agent.serverId()))
        .isEqualTo(5);
    // The newest three survive, the one behind the current snapshot among them.
    assertThat(
            column(
                db,
                "SELECT upload_id FROM uploads WHERE server_id = ? AND kind = 'packages' ORDER BY 1",
                agent.serverId()))
        .isEqualTo(
            column(
                db,
                "SELECT upload_id FROM (SELECT upload_id FROM package_snapshots WHERE server_id = ?"
                    + " ORDER BY snapshot_id DESC LIMIT 3) AS newest ORDER BY 1",
                agent.serverId()));
  }

  @Test
  void aFailureHalfwayLeavesThePreviousSnapshotCurrent() {
    Agent agent = TestAgents.enroll(db);
    upload(agent, "text/x-dpkg-status", Samples.DPKG_SMALL).statusCode(201);
    Object current =
        value(db, "SELECT snapshot_id FROM server_reports WHERE server_id = ?", agent.serverId());
    // A real database failure after the upload and snapshot rows are written: the installed
    // packages insert trips a trigger for this one server.
    TestAgents.update(
        db,
        """
        CREATE OR REPLACE FUNCTION fail_for_test() RETURNS trigger AS $$
        BEGIN
          IF NEW.server_id = '%s' THEN RAISE EXCEPTION 'injected failure'; END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql
        """
            .formatted(agent.serverId()));
    TestAgents.update(
        db,
        "CREATE TRIGGER fail_for_test BEFORE INSERT ON installed_packages"
            + " FOR EACH ROW EXECUTE FUNCTION fail_for_test()");
    try {
      upload(agent, "text/x-dpkg-status", Samples.DPKG_SMALL_LATER)
          .statusCode(500)
          .contentType("application/problem+json");
    } finally {
      TestAgents.update(db, "DROP TRIGGER fail_for_test ON installed_packages");
    }

    assertThat(
            value(
                db, "SELECT snapshot_id FROM server_reports WHERE server_id = ?", agent.serverId()))
        .isEqualTo(current);
    for (String table : new String[] {"uploads", "package_snapshots"}) {
      assertThat(
              count(db, "SELECT count(*) FROM " + table + " WHERE server_id = ?", agent.serverId()))
          .as(table)
          .isOne();
    }
    assertThat(
            column(
                db,
                "SELECT package_key FROM installed_packages WHERE server_id = ? ORDER BY 1",
                agent.serverId()))
        .containsExactly("openssl.amd64", "wget.amd64");
    // And the next attempt, the failure gone, goes through.
    upload(agent, "text/x-dpkg-status", Samples.DPKG_SMALL_LATER).statusCode(201);
  }
}
