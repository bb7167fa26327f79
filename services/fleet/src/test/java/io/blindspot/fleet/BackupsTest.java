package io.blindspot.fleet;

import static io.blindspot.fleet.Operator.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BackupsTest {

  private static final String RESTIC_JOB =
      """
      {"name": "offsite", "tool": "restic",
       "command": ["restic", "backup", "--one-file-system", "--exclude-file=/etc/restic/excludes", "/"],
       "files": {"/etc/restic/excludes": "/var/cache\\n"}}""";

  @Inject DataSource dataSource;
  @Inject ObjectMapper json;

  @Test
  void jobsComeBackAsDescriptorsWithRunsAndListings() {
    FleetFixture db = new FleetFixture(dataSource);
    CoverageFixture fixture = new CoverageFixture(db, json);
    UUID id = db.server("bk-web-1").insert();
    Instant success = Instant.parse("2026-11-25T03:12:40Z");
    fixture.job(id, CoverageFixture.DIRVISH_JOB, success);
    fixture.job(id, RESTIC_JOB, null);
    fixture.listing(id, "web1", "text/x-dirvish-index", 1843220, "2026-11-25");

    JsonPath body =
        operator()
            .get("/api/v1/servers/bk-web-1/backups")
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .jsonPath();
    assertThat(body.getList("items.name")).containsExactly("offsite", "web1");

    assertThat(body.getString("items[1].tool")).isEqualTo("dirvish");
    assertThat(body.getList("items[1].command")).containsExactly("dirvish", "--vault", "web1");
    assertThat(body.getString("items[1].files['/etc/dirvish/master.conf']")).contains("/var/db");
    assertThat(body.getString("items[1].schedule")).isEqualTo("0 3 * * *");
    assertThat(body.getString("items[1].lastRun.startedAt")).isEqualTo("2026-11-25T03:00:00Z");
    assertThat(body.getString("items[1].lastRun.finishedAt")).isEqualTo("2026-11-25T03:12:40Z");
    assertThat(body.getString("items[1].lastRun.status")).isEqualTo("success");
    assertThat(body.getString("items[1].lastRun.snapshot")).isEqualTo("2026-11-25");
    assertThat(body.getString("items[1].lastSuccessAt")).isEqualTo("2026-11-25T03:12:40Z");
    assertThat(body.getString("items[1].listing.contentType")).isEqualTo("text/x-dirvish-index");
    assertThat(body.getString("items[1].listing.receivedAt")).isEqualTo("2026-11-25T03:14:02Z");
    assertThat(body.getLong("items[1].listing.entryCount")).isEqualTo(1843220L);
    assertThat(body.getString("items[1].listing.snapshot")).isEqualTo("2026-11-25");

    assertThat(body.getString("items[0].tool")).isEqualTo("restic");
    assertThat(body.getList("items[0].command")).contains("--one-file-system");
    assertThat(body.getString("items[0].files['/etc/restic/excludes']")).isEqualTo("/var/cache\n");
    assertThat(body.getString("items[0].schedule")).isNull();
    assertThat(body.getString("items[0].lastRun")).isNull();
    assertThat(body.getString("items[0].lastSuccessAt")).isNull();
    assertThat(body.getString("items[0].listing")).isNull();
  }

  @Test
  void aServerWithoutJobsHasAnEmptyListAndUnknownOnesAre404() {
    new FleetFixture(dataSource).server("bk-nojobs").insert();
    operator()
        .get("/api/v1/servers/bk-nojobs/backups")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0));
    operator()
        .get("/api/v1/servers/bk-nobody/backups")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("no server with hostname 'bk-nobody'"));
  }
}
