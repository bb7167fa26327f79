package io.blindspot.fleet;

import static io.blindspot.fleet.FleetFixture.pkg;
import static io.blindspot.fleet.FleetFixture.set;
import static io.blindspot.fleet.Operator.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.blindspot.core.packages.PackageManager;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServerTest {

  private static final String BASE = "/api/v1/servers/";
  private static final String INVENTORY =
      """
      {"hostname": "%s", "machineId": "m", "os": {"id": "debian", "name": "Debian GNU/Linux",
       "versionId": "12"}, "kernel": "6.1.0-26-amd64", "architecture": "x86_64",
       "mounts": [{"device": "/dev/sda1", "mountPoint": "/", "fsType": "ext4"},
                  {"device": "tank/home", "mountPoint": "/home", "fsType": "zfs"}],
       "services": ["sshd", "postgresql"]}
      """;

  @Inject DataSource dataSource;

  @Test
  void summaryShowsReportsPackagesMountsAndServices() {
    FleetFixture db = new FleetFixture(dataSource);
    Instant seen = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    UUID id =
        db.server("sum-1")
            .labels(Map.of("env", "prod"))
            .agentLabels(Map.of("role", "db", "env", "ignored"))
            .os("debian", "debian", "Debian GNU/Linux", "12")
            .kernel("6.1.0-26-amd64", "x86_64")
            .lastSeenAt(seen)
            .insert();
    long inventory = db.inventory(id, INVENTORY.formatted("sum-1"), seen.minusSeconds(60));
    long packages =
        db.packages(
            id,
            set(PackageManager.DPKG, pkg("openssl", "3.0.15-1~deb12u1"), pkg("curl", "7.88.1-10")),
            null,
            seen);

    operator()
        .get(BASE + "sum-1")
        .then()
        .statusCode(200)
        .body("serverId", equalTo(id.toString()))
        .body("hostname", equalTo("sum-1"))
        .body("os.family", equalTo("debian"))
        .body("labels", equalTo(Map.of("env", "prod", "role", "db")))
        .body("operatorLabels", equalTo(Map.of("env", "prod")))
        .body("agentLabels", equalTo(Map.of("role", "db", "env", "ignored")))
        .body("lastSeenAt", equalTo(seen.toString()))
        .body("packageManager", equalTo("dpkg"))
        .body("packageCount", equalTo(2))
        .body("lastSeen.inventory.snapshotId", equalTo((int) inventory))
        .body("lastSeen.inventory.lastSeenAt", equalTo(seen.minusSeconds(60).toString()))
        .body("lastSeen.packages.snapshotId", equalTo((int) packages))
        .body("lastSeen.packages.updatedAt", equalTo(seen.toString()))
        .body("mounts.mountPoint", equalTo(List.of("/", "/home")))
        .body("services", equalTo(List.of("sshd", "postgresql")));

    operator()
        .queryParam("hostname", "sum-1")
        .get("/api/v1/servers")
        .then()
        .body("items[0].packageCount", equalTo(2))
        .body("items[0]", not(hasKey("mounts")));
  }

  @Test
  void aServerThatNeverReportedHasEmptyParts() {
    new FleetFixture(dataSource).server("sum-silent").insert();
    operator()
        .get(BASE + "sum-silent")
        .then()
        .statusCode(200)
        .body("lastSeen", equalTo(Map.of()))
        .body("mounts", equalTo(List.of()))
        .body("services", equalTo(List.of()))
        .body("packageCount", nullValue())
        .body("lastSeenAt", nullValue());
  }

  @Test
  void unknownHostnameIsAProblemNamingIt() {
    for (String method : List.of("GET", "DELETE")) {
      operator()
          .request(method, BASE + "no-such-host")
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("detail", equalTo("no server with hostname 'no-such-host'"));
    }
    operator()
        .contentType("application/merge-patch+json")
        .body("{\"labels\": {\"a\": \"b\"}}")
        .patch(BASE + "no-such-host")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("no-such-host"));
  }

  @Test
  void patchMergesLabels() {
    new FleetFixture(dataSource)
        .server("patch-1")
        .labels(Map.of("env", "staging", "old", "yes", "keep", "me"))
        .agentLabels(Map.of("role", "web"))
        .insert();
    operator()
        .contentType("application/merge-patch+json")
        .body("{\"labels\": {\"env\": \"prod\", \"old\": null, \"new\": \"label\"}}")
        .patch(BASE + "patch-1")
        .then()
        .statusCode(200)
        .body("hostname", equalTo("patch-1"))
        .body("operatorLabels", equalTo(Map.of("env", "prod", "keep", "me", "new", "label")))
        .body(
            "labels", equalTo(Map.of("env", "prod", "keep", "me", "new", "label", "role", "web")));
    // Plain application/json works too; removing an absent label is no error.
    operator()
        .contentType("application/json")
        .body("{\"labels\": {\"never-there\": null}}")
        .patch(BASE + "patch-1")
        .then()
        .statusCode(200)
        .body("operatorLabels.env", equalTo("prod"));
    operator()
        .get("/api/v1/servers?label=new:label")
        .then()
        .body("items.hostname", equalTo(List.of("patch-1")));
  }

  @Test
  void patchRejectsBadLabels() {
    new FleetFixture(dataSource).server("patch-bad").insert();
    operator()
        .contentType("application/merge-patch+json")
        .body("{\"labels\": {\"no spaces\": \"x\"}}")
        .patch(BASE + "patch-bad")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("labels: label key 'no spaces'"));
    operator()
        .contentType("application/merge-patch+json")
        .body("{\"labels\": \"env=prod\"}")
        .patch(BASE + "patch-bad")
        .then()
        .statusCode(400)
        .body("detail", containsString("labels"));
  }

  @Test
  void deleteCascadesToEverythingTheServerReported() {
    FleetFixture db = new FleetFixture(dataSource);
    UUID id = db.server("del-1").insert();
    db.inventory(id, INVENTORY.formatted("del-1"), Instant.now());
    db.packages(id, set(PackageManager.RPM, pkg("bash", "5.1.8-9.el9")), null, Instant.now());

    operator().delete(BASE + "del-1").then().statusCode(204);

    operator().get(BASE + "del-1").then().statusCode(404);
    for (String table :
        List.of(
            "servers",
            "inventory_snapshots",
            "package_snapshots",
            "server_reports",
            "installed_packages")) {
      assertThat(db.count("SELECT count(*) FROM " + table + " WHERE server_id = ?", id))
          .as(table)
          .isZero();
    }
  }
}
