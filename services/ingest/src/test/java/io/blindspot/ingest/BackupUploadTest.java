package io.blindspot.ingest;

import static io.blindspot.ingest.TestAgents.column;
import static io.blindspot.ingest.TestAgents.count;
import static io.blindspot.ingest.TestAgents.value;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.blindspot.ingest.TestAgents.Agent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.regex.Matcher;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BackupUploadTest {

  /** A real rsync job: archive mode, one filesystem, an exclude file. */
  static final String NIGHTLY =
      """
      {"name": "nightly", "tool": "rsync",
       "command": ["rsync", "-aHAX", "--delete", "--one-file-system",
                   "--exclude-from=/etc/backup/excludes", "/", "backup@nas:/srv/backup/web1/"],
       "files": {"/etc/backup/excludes": "/proc/\\n/sys/\\n/dev/\\n/run/\\n/tmp/\\n/var/cache/\\n/var/db\\n"},
       "schedule": "0 2 * * *",
       "lastRun": {"startedAt": "2026-11-25T02:00:00Z", "finishedAt": "2026-11-25T02:14:31Z",
                   "status": "success"}}
      """;

  /** A dirvish vault: master.conf and the vault's default.conf. */
  static final String DIRVISH =
      """
      {"name": "dirvish-root", "tool": "dirvish",
       "command": ["dirvish", "--vault", "web1-root"],
       "files": {"/etc/dirvish/master.conf": "bank:\\n\\t/backup\\nexclude:\\n\\tlost+found/\\n\\t/proc/\\n\\t/var/db\\nimage-default: %Y%m%d\\n",
                 "/backup/web1-root/dirvish/default.conf": "client: web1\\ntree: /\\nxdev: 1\\nindex: gzip\\n"},
       "schedule": "30 3 * * *",
       "lastRun": {"startedAt": "2026-11-25T03:30:00Z", "finishedAt": "2026-11-25T03:52:10Z",
                   "status": "success", "snapshot": "20261125"}}
      """;

  static final String TAR =
      """
      {"name": "etc-tar", "tool": "tar",
       "command": ["tar", "-czf", "/backup/etc.tar.gz", "/etc"]}
      """;

  @Inject DataSource db;

  static ValidatableResponse upload(Agent agent, String body) {
    return given()
        .header("Authorization", agent.bearer())
        .contentType("application/json")
        .body(body)
        .put("/api/v1/agent/backups")
        .then();
  }

  /** The descriptor with another lastRun. */
  static String withLastRun(String descriptor, String lastRun) {
    return descriptor.replaceAll(
        "\"lastRun\": \\{[^}]*}", Matcher.quoteReplacement("\"lastRun\": " + lastRun));
  }

  static String jobs(String... descriptors) {
    return "[" + String.join(",", descriptors) + "]";
  }

  @Test
  void storesTheJobsAndAnswersWhatWasAdded() {
    Agent agent = TestAgents.enroll(db);
    upload(agent, jobs(NIGHTLY, DIRVISH))
        .statusCode(201)
        .body("unchanged", equalTo(false))
        .body("snapshotId", notNullValue())
        .body("jobs", equalTo(2))
        .body("added", contains("dirvish-root", "nightly"))
        .body("removed", empty())
        .body("changed", empty());

    assertThat(
            column(
                db,
                "SELECT name || ' ' || tool || ' ' || schedule || ' ' || last_status"
                    + " FROM backup_jobs WHERE server_id = ? ORDER BY name",
                agent.serverId()))
        .containsExactly(
            "dirvish-root dirvish 30 3 * * * success", "nightly rsync 0 2 * * * success");
    assertThat(
            value(
                db,
                "SELECT last_success_at FROM backup_jobs WHERE server_id = ? AND name = 'nightly'",
                agent.serverId()))
        .isEqualTo(Timestamp.from(Instant.parse("2026-11-25T02:14:31Z")));
    assertThat(
            value(
                db,
                "SELECT last_snapshot FROM backup_jobs WHERE server_id = ? AND name = 'dirvish-root'",
                agent.serverId()))
        .isEqualTo("20261125");
    // The descriptor is the canonical job, as the coverage service and fleet read it.
    assertThat(
            value(
                db,
                "SELECT descriptor->'command'->>3 FROM backup_jobs WHERE server_id = ?"
                    + " AND name = 'nightly'",
                agent.serverId()))
        .isEqualTo("--one-file-system");
    assertThat(
            value(
                db,
                "SELECT jsonb_array_length(jobs) FROM backup_job_snapshots WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo(2);
    assertThat(
            value(
                db,
                "SELECT kind || ' ' || content_type FROM uploads WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo("backups application/json");
    assertThat(
            value(
                db,
                "SELECT r.snapshot_id = s.snapshot_id FROM server_reports r JOIN"
                    + " backup_job_snapshots s USING (server_id) WHERE r.server_id = ?"
                    + " AND r.kind = 'backups'",
                agent.serverId()))
        .isEqualTo(true);
  }

  @Test
  void theSameBodyAgainIsUnchanged() {
    Agent agent = TestAgents.enroll(db);
    upload(agent, jobs(NIGHTLY)).statusCode(201);
    given()
        .header("Authorization", agent.bearer())
        .header("Content-Encoding", "gzip")
        .contentType("application/json")
        .body(Samples.gzip(jobs(NIGHTLY)))
        .put("/api/v1/agent/backups")
        .then()
        .statusCode(200)
        .body("unchanged", equalTo(true));
    for (String table : new String[] {"uploads", "backup_job_snapshots"}) {
      assertThat(
              count(db, "SELECT count(*) FROM " + table + " WHERE server_id = ?", agent.serverId()))
          .as(table)
          .isOne();
    }
  }

  @Test
  void aNewSetReplacesTheJobsAndSaysWhatChanged() {
    Agent agent = TestAgents.enroll(db);
    upload(agent, jobs(NIGHTLY, TAR)).statusCode(201);
    TestAgents.update(
        db,
        "INSERT INTO backup_listings (server_id, job_name, upload_id, content_type, entry_count)"
            + " VALUES (?, 'etc-tar', 0, 'text/plain', 1)",
        agent.serverId());

    String nightlyChanged = NIGHTLY.replace("\"0 2 * * *\"", "\"0 4 * * *\"");
    upload(agent, jobs(nightlyChanged, DIRVISH))
        .statusCode(201)
        .body("jobs", equalTo(2))
        .body("added", contains("dirvish-root"))
        .body("removed", contains("etc-tar"))
        .body("changed", contains("nightly"));

    assertThat(
            column(
                db,
                "SELECT name FROM backup_jobs WHERE server_id = ? ORDER BY name",
                agent.serverId()))
        .containsExactly("dirvish-root", "nightly");
    assertThat(
            count(db, "SELECT count(*) FROM backup_listings WHERE server_id = ?", agent.serverId()))
        .as("the listing of a removed job goes with it")
        .isZero();

    // A new run alone is not a change of the job.
    String nightlyLaterRun = nightlyChanged.replace("2026-11-25T02:14:31Z", "2026-11-26T02:13:02Z");
    upload(agent, jobs(nightlyLaterRun, DIRVISH))
        .statusCode(201)
        .body("added", empty())
        .body("removed", empty())
        .body("changed", empty());
  }

  @Test
  void aFailedRunKeepsTheLastSuccess() {
    Agent agent = TestAgents.enroll(db);
    upload(agent, jobs(NIGHTLY)).statusCode(201);
    String failed =
        withLastRun(
            NIGHTLY,
            "{\"startedAt\": \"2026-11-26T02:00:00Z\", \"finishedAt\": \"2026-11-26T02:00:09Z\","
                + " \"status\": \"failure\"}");
    assertThat(failed).contains("failure");
    upload(agent, jobs(failed)).statusCode(201);

    assertThat(
            value(
                db,
                "SELECT last_status || ' ' || to_char(last_finished_at AT TIME ZONE 'UTC',"
                    + " 'YYYY-MM-DD HH24:MI:SS') FROM backup_jobs WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo("failure 2026-11-26 02:00:09");
    assertThat(
            value(
                db,
                "SELECT last_success_at FROM backup_jobs WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo(Timestamp.from(Instant.parse("2026-11-25T02:14:31Z")));

    // A later success moves it forward; an older one re-reported does not move it back.
    String later = NIGHTLY.replace("2026-11-25T02:14:31Z", "2026-11-27T02:10:00Z");
    upload(agent, jobs(later)).statusCode(201);
    upload(agent, jobs(NIGHTLY)).statusCode(201);
    assertThat(
            value(
                db,
                "SELECT last_success_at FROM backup_jobs WHERE server_id = ?",
                agent.serverId()))
        .isEqualTo(Timestamp.from(Instant.parse("2026-11-27T02:10:00Z")));
  }

  @Test
  void anInvalidFieldIsNamed() {
    Agent agent = TestAgents.enroll(db);
    upload(agent, jobs(NIGHTLY, DIRVISH, "{\"name\": \"x\", \"tool\": \"rsync\"}"))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("[2].command"))
        .body("violations[0].field", equalTo("[2].command"));
    upload(
            agent,
            "[{\"name\": \"bad name/with slash\", \"tool\": \"zip\", \"command\": [\"zip\"]}]")
        .statusCode(400)
        .body("violations.field", contains("[0].name", "[0].tool"));
    upload(agent, jobs(NIGHTLY, NIGHTLY.replace("\"status\": \"success\"", "\"status\": \"done\"")))
        .statusCode(400)
        .body("violations.field", contains("[1].lastRun.status"));
    upload(agent, "{\"name\": \"nightly\"}")
        .statusCode(400)
        .body("violations[0].field", equalTo("body"));
    upload(agent, "[{\"name\": ").statusCode(400).body("detail", containsString("malformed JSON"));
    given()
        .header("Authorization", agent.bearer())
        .contentType("text/plain")
        .body(jobs(NIGHTLY))
        .put("/api/v1/agent/backups")
        .then()
        .statusCode(415);
    assertThat(count(db, "SELECT count(*) FROM uploads WHERE server_id = ?", agent.serverId()))
        .isZero();
  }

  @Test
  void aJobItsEngineCannotCompileRejectsTheWholeUpload() {
    Agent agent = TestAgents.enroll(db);
    String unknownOption = NIGHTLY.replace("\"--delete\", ", "\"--delete\", \"--frobnicate\", ");
    upload(agent, jobs(DIRVISH, unknownOption))
        .statusCode(422)
        .contentType("application/problem+json")
        .body("title", equalTo("Unprocessable Content"))
        .body("detail", containsString("nightly"))
        .body("detail", containsString("--frobnicate"))
        .body("violations[0].field", equalTo("[1].command[3]"))
        .body("violations[0].line", equalTo(3));

    String missingFile = DIRVISH.replace("/etc/dirvish/master.conf", "/etc/dirvish/other.conf");
    upload(agent, jobs(missingFile))
        .statusCode(422)
        .body("detail", containsString("dirvish-root"))
        .body("detail", containsString("master.conf"));

    assertThat(count(db, "SELECT count(*) FROM uploads WHERE server_id = ?", agent.serverId()))
        .isZero();
    assertThat(count(db, "SELECT count(*) FROM backup_jobs WHERE server_id = ?", agent.serverId()))
        .isZero();
  }

  @Test
  void duplicateJobNamesAreRefused() {
    Agent agent = TestAgents.enroll(db);
    upload(agent, jobs(NIGHTLY, DIRVISH, NIGHTLY))
        .statusCode(400)
        .body("violations[0].field", equalTo("[2].name"))
        .body("violations[0].message", containsString("[0].name"));
  }
}
