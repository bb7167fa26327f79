package io.blindspot.ingest;

import static io.blindspot.ingest.TestAgents.count;
import static io.blindspot.ingest.TestAgents.value;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.blindspot.ingest.TestAgents.Agent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InventoryUploadTest {

  @Inject DataSource db;

  @Test
  void storesTheInventoryAndDescribesTheServer() {
    Agent agent = TestAgents.enroll(db);
    TestAgents.update(
        db,
        "UPDATE servers SET labels = '{\"env\": \"staging\"}' WHERE server_id = ?",
        agent.serverId());

    given()
        .header("Authorization", agent.bearer())
        .contentType(ContentType.JSON)
        .body(Samples.INVENTORY)
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(201)
        .body("unchanged", equalTo(false))
        .body("snapshotId", notNullValue())
        .body("osFamily", equalTo("gentoo"));

    assertThat(
            value(
                db,
                "SELECT concat_ws('|', os_id, os_family, os_name, os_version_id, kernel, architecture)"
                    + " FROM servers WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo("gentoo|gentoo|Gentoo|2.17|6.6.13-gentoo|x86_64");
    assertThat(
            value(
                db,
                "SELECT last_seen_at IS NOT NULL FROM servers WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo(true);
    assertThat(
            value(
                db,
                "SELECT inventory->'mounts'->0->>'mountPoint' FROM inventory_snapshots WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo("/");
    // Agent labels are kept apart; the operator's "env" is untouched and wins in the merge.
    assertThat(
            value(
                db,
                "SELECT agent_labels->>'env' FROM servers WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo("prod");
    assertThat(
            value(
                db,
                "SELECT (agent_labels || labels)->>'env' FROM servers WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo("staging");
    assertThat(
            value(
                db,
                "SELECT kind || ':' || (snapshot_id = (SELECT max(snapshot_id) FROM inventory_snapshots"
                    + " WHERE server_id = r.server_id)) FROM server_reports r WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo("inventory:true");
  }

  @Test
  void acceptsGzipAndAnswersUnchangedForTheSameBody() {
    Agent agent = TestAgents.enroll(db);
    given()
        .header("Authorization", agent.bearer())
        .header("Content-Encoding", "gzip")
        .contentType(ContentType.JSON)
        .body(Samples.gzip(Samples.INVENTORY))
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(201);
    // The same content, uncompressed this time: idempotency is about content, not transport.
    given()
        .header("Authorization", agent.bearer())
        .contentType(ContentType.JSON)
        .body(Samples.INVENTORY)
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(200)
        .body("unchanged", equalTo(true))
        .body("snapshotId", nullValue());
    assertThat(
            count(
                db,
                "SELECT count(*) FROM inventory_snapshots WHERE server_id = ?",
                agent.serverId()))
        .isOne();
    assertThat(count(db, "SELECT count(*) FROM uploads WHERE server_id = ?", agent.serverId()))
        .isOne();
  }

  @Test
  void theSnapshotKeepsTheWholeDocumentAsSent() {
    Agent agent = TestAgents.enroll(db);
    String withMore =
        Samples.INVENTORY
            .strip()
            .replaceFirst(
                "}$",
                ", \"homes\": [\"/home/alice\"], \"configChecksums\": {\"/etc/ssh/sshd_config\":"
                    + " \"2f1b8c0e\"}, \"agentVersion\": \"1.0.0\", \"fromTheFuture\": {\"x\": 1}}");
    given()
        .header("Authorization", agent.bearer())
        .contentType(ContentType.JSON)
        .body(withMore)
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(201);
    assertThat(
            value(
                db,
                "SELECT concat_ws('|', inventory->'homes'->>0,"
                    + " inventory->'configChecksums'->>'/etc/ssh/sshd_config',"
                    + " inventory->>'agentVersion', inventory->'fromTheFuture'->>'x')"
                    + " FROM inventory_snapshots WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo("/home/alice|2f1b8c0e|1.0.0|1");
  }

  @Test
  void familiesFollowIdLike() {
    Agent agent = TestAgents.enroll(db);
    given()
        .header("Authorization", agent.bearer())
        .contentType(ContentType.JSON)
        .body(
            Samples.INVENTORY.replace(
                "\"os\": {\"id\": \"gentoo\", \"name\": \"Gentoo\", \"versionId\": \"2.17\"}",
                "\"os\": {\"id\": \"rocky\", \"idLike\": \"rhel centos fedora\", \"versionId\": \"9.4\"}"))
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(201)
        .body("osFamily", equalTo("rhel"));
  }

  @Test
  void invalidInventoriesNameTheField() {
    Agent agent = TestAgents.enroll(db);
    given()
        .header("Authorization", agent.bearer())
        .contentType(ContentType.JSON)
        .body(Samples.INVENTORY.replace("\"mountPoint\": \"/\"", "\"mountPoint\": \"\""))
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations.field", hasItem("mounts[0].mountPoint"));
    given()
        .header("Authorization", agent.bearer())
        .contentType(ContentType.JSON)
        .body(Samples.INVENTORY.replace("\"kernel\": \"6.6.13-gentoo\", ", ""))
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("kernel"));
    given()
        .header("Authorization", agent.bearer())
        .contentType(ContentType.JSON)
        .body(Samples.INVENTORY.replace("20000000000", "\"big\""))
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(400)
        .body("detail", containsString("mounts[0].sizeBytes"));
    given()
        .header("Authorization", agent.bearer())
        .contentType(ContentType.JSON)
        .body("{\"hostname\": ")
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(400)
        .body("detail", containsString("malformed JSON"));
    given()
        .header("Authorization", agent.bearer())
        .contentType(ContentType.JSON)
        .body("[1, 2]")
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(400)
        .body("detail", containsString("JSON object"));
    given()
        .header("Authorization", agent.bearer())
        .contentType(ContentType.TEXT)
        .body(Samples.INVENTORY)
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("detail", containsString("application/json"));
    assertThat(count(db, "SELECT count(*) FROM uploads WHERE server_id = ?", agent.serverId()))
        .isZero();
  }
}
