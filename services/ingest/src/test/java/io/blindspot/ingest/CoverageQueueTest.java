package io.blindspot.ingest;

import static io.blindspot.ingest.TestAgents.column;
import static io.blindspot.ingest.TestAgents.update;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.ingest.TestAgents.Agent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every stored upload that can change a server's coverage enqueues it for recomputation, in the
 * transaction that stores it; an unchanged upload enqueues nothing.
 */
@QuarkusTest
class CoverageQueueTest {

  @Inject DataSource db;

  private List<Object> queued(Agent agent) {
    return column(db, "SELECT reason FROM coverage_queue WHERE server_id = ?", agent.serverId());
  }

  private void clear(Agent agent) {
    update(db, "DELETE FROM coverage_queue WHERE server_id = ?", agent.serverId());
  }

  @Test
  void everyKindOfStoredUploadEnqueuesTheServerAndUnchangedOnesDoNot() {
    Agent agent = TestAgents.enroll(db);
    assertThat(queued(agent)).isEmpty();

    given()
        .header("Authorization", agent.bearer())
        .contentType("application/json")
        .body(ListingUploadTest.INVENTORY)
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(201);
    assertThat(queued(agent)).containsExactly("inventory uploaded");

    given()
        .header("Authorization", agent.bearer())
        .contentType("text/x-dpkg-status")
        .body(Samples.DPKG_SMALL)
        .put("/api/v1/agent/packages")
        .then()
        .statusCode(201);
    assertThat(queued(agent)).as("one row per server").containsExactly("packages uploaded");

    BackupUploadTest.upload(agent, "[" + BackupUploadTest.NIGHTLY + "]").statusCode(201);
    assertThat(queued(agent)).containsExactly("backup jobs uploaded");

    byte[] listing = "/etc/\n/etc/fstab\n".getBytes(StandardCharsets.UTF_8);
    ListingUploadTest.listing(agent, "nightly", "text/plain", listing).statusCode(201);
    assertThat(queued(agent)).containsExactly("listing of backup job nightly uploaded");

    // The same bodies again change nothing, so nothing is enqueued.
    clear(agent);
    given()
        .header("Authorization", agent.bearer())
        .contentType("application/json")
        .body(ListingUploadTest.INVENTORY)
        .put("/api/v1/agent/inventory")
        .then()
        .statusCode(200);
    given()
        .header("Authorization", agent.bearer())
        .contentType("text/x-dpkg-status")
        .body(Samples.DPKG_SMALL)
        .put("/api/v1/agent/packages")
        .then()
        .statusCode(200);
    BackupUploadTest.upload(agent, "[" + BackupUploadTest.NIGHTLY + "]").statusCode(200);
    ListingUploadTest.listing(agent, "nightly", "text/plain", listing).statusCode(200);
    assertThat(queued(agent)).isEmpty();
  }

  @Test
  void aRejectedUploadEnqueuesNothing() {
    Agent agent = TestAgents.enroll(db);
    BackupUploadTest.upload(
            agent,
            "[" + BackupUploadTest.NIGHTLY.replace("\"--delete\", ", "\"--frobnicate\", ") + "]")
        .statusCode(422);
    assertThat(queued(agent)).isEmpty();
  }
}
