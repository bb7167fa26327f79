package io.blindspot.fleet;

import static io.blindspot.fleet.Operator.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** /api/v1/policies: CRUD in JSON and YAML, the errors naming the field, the audit trail. */
@QuarkusTest
class PoliciesTest {

  static final String BASE = "/api/v1/policies";
  static final String TLS_JSON =
      """
      {"name": "%s", "description": "TLS keys are in the backup", "severity": "high",
       "selector": {"labels": {"env": "prod"}},
       "requirements": [{"type": "path-covered", "path": "/etc/ssl/private/"},
                        {"id": "etc-fresh", "type": "fresh-backup", "path": "/etc/", "maxAge": "PT26H"}]}""";

  @Inject DataSource dataSource;

  /** REST Assured encodes only the media types it knows from a String: YAML goes as bytes. */
  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theBaselineSetIsSeededAndListed() {
    JsonPath body = operator().get(BASE).then().statusCode(200).extract().jsonPath();
    assertThat(body.getList("items.findAll { it.baseline }.name", String.class))
        .containsExactlyInAnyOrder(
            "package-db-covered",
            "no-critical-uncovered",
            "mounts-covered",
            "etc-backed-up-daily",
            "restore-ready");
    assertThat(body.getString("items.find { it.name == 'package-db-covered' }.severity"))
        .isEqualTo("critical");
    assertThat(
            body.getList(
                "items.find { it.name == 'package-db-covered' }.requirements[0].kinds",
                String.class))
        .containsExactly("package-db", "world-set");
    assertThat(
            body.getString(
                "items.find { it.name == 'etc-backed-up-daily' }.requirements[0].maxAge"))
        .isEqualTo("PT26H");
    assertThat(
            new FleetFixture(dataSource)
                .count(
                    "SELECT count(*) FROM audit_trail WHERE entity = 'policy' AND action = 'create'"
                        + " AND actor = 'blindspot' AND entity_id = 'restore-ready'"))
        .isEqualTo(1);
  }

  @Test
  void aJsonPolicyIsCreatedReadReplacedAndDeletedAndEveryStepIsAudited() {
    FleetFixture db = new FleetFixture(dataSource);
    db.server("pol-crud-1").insert();
    db.update("DELETE FROM policy_queue");

    operator()
        .contentType("application/json")
        .body(TLS_JSON.formatted("tls-crud"))
        .post(BASE)
        .then()
        .statusCode(201)
        .header("Location", endsWith(BASE + "/tls-crud"))
        .body("name", equalTo("tls-crud"))
        .body("baseline", equalTo(false))
        .body("revision", equalTo(1))
        .body("enabled", equalTo(true))
        .body("selector.labels.env", equalTo("prod"))
        .body("requirements.id", equalTo(List.of("path-covered", "etc-fresh")))
        .body("requirements[1].maxAge", equalTo("PT26H"));
    assertThat(db.count("SELECT count(*) FROM policy_queue WHERE reason = 'policy changed'"))
        .isEqualTo(db.count("SELECT count(*) FROM servers"));

    operator()
        .get(BASE + "/tls-crud")
        .then()
        .statusCode(200)
        .body("requirements[0].path", equalTo("/etc/ssl/private/"))
        .body("results", nullValue());

    operator()
        .contentType("application/json")
        .body(TLS_JSON.formatted("tls-crud"))
        .post(BASE)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("exists"));

    String replaced = TLS_JSON.formatted("tls-crud").replace("\"high\"", "\"critical\"");
    operator()
        .contentType("application/json")
        .body(replaced)
        .put(BASE + "/tls-crud")
        .then()
        .statusCode(200)
        .body("severity", equalTo("critical"))
        .body("revision", equalTo(2));

    operator()
        .contentType("application/json")
        .body(replaced)
        .put(BASE + "/other-name")
        .then()
        .statusCode(400)
        .body("detail", startsWith("name: the body's name 'tls-crud' differs"));

    operator().delete(BASE + "/tls-crud").then().statusCode(204);
    operator().get(BASE + "/tls-crud").then().statusCode(404);
    operator().delete(BASE + "/tls-crud").then().statusCode(404);

    JsonPath audit =
        operator()
            .queryParam("entity", "policy")
            .queryParam("entityId", "tls-crud")
            .get("/api/v1/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(audit.getList("items.action", String.class))
        .containsExactly("delete", "update", "create");
    assertThat(audit.getList("items.actor", String.class)).containsOnly("admin");
    assertThat(audit.getString("items[0].before.severity")).isEqualTo("critical");
    assertThat(audit.getString("items[0].after")).isNull();
    assertThat(audit.getString("items[1].before.severity")).isEqualTo("high");
    assertThat(audit.getString("items[1].after.severity")).isEqualTo("critical");
    assertThat(audit.getInt("items[1].after.revision")).isEqualTo(2);
    assertThat(audit.getString("items[2].before")).isNull();
    assertThat(audit.getString("items[2].after.requirements[1].id")).isEqualTo("etc-fresh");
  }

  @Test
  void aYamlPolicyIsAcceptedAndAnsweredInYaml() {
    String yaml =
        """
        name: yaml-ssh
        severity: medium
        selector:
          osFamily: [debian]
          hostname: "web-*"
        requirements:
          - type: path-covered
            path: /etc/ssh/
          - type: readiness
            is: READY
        """;
    operator()
        .contentType("application/yaml")
        .body(bytes(yaml))
        .post(BASE)
        .then()
        .statusCode(201)
        .contentType("application/json")
        .body("selector.osFamily", equalTo(List.of("debian")))
        .body("selector.hostname", equalTo("web-*"))
        .body("requirements.type", equalTo(List.of("path-covered", "readiness")));
    String answered =
        operator()
            .accept("application/yaml")
            .get(BASE + "/yaml-ssh")
            .then()
            .statusCode(200)
            .contentType(startsWith("application/yaml"))
            .extract()
            .asString();
    assertThat(answered)
        .startsWith("name: yaml-ssh\n")
        .contains("severity: medium")
        .contains("id: path-covered")
        .contains("is: READY");
    // what GET answers in YAML is what PUT accepts back
    operator()
        .contentType("application/yaml")
        .body(bytes(answered.replace("severity: medium", "severity: low")))
        .put(BASE + "/yaml-ssh")
        .then()
        .statusCode(200)
        .body("severity", equalTo("low"))
        .body("revision", equalTo(2));
  }

  @Test
  void badPoliciesAreProblemsNamingTheFieldAndLine() {
    String yaml =
        """
        name: bad-yaml
        severity: high
        requirements:
          - type: readiness
            is: READY
          - type: mounts-covered
          - type: fresh-backup
            path: /etc
            maxAge: every day
        """;
    operator()
        .contentType("application/yaml")
        .body(bytes(yaml))
        .post(BASE)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", startsWith("requirements[2].maxAge: not an ISO-8601 duration"))
        .body("detail", endsWith("(line 9)"))
        .body("violations[0].field", equalTo("requirements[2].maxAge"));

    Map<String, String> cases =
        Map.of(
            "{\"name\": \"b\", \"severity\": \"high\", \"requirements\": [{\"type\": \"encrypted\"}]}",
            "requirements[0].type: unknown requirement type 'encrypted'",
            "{\"name\": \"b\", \"severity\": \"high\", \"colour\": \"red\", \"requirements\": []}",
            "colour: unknown field",
            "{\"name\": \"B!\", \"severity\": \"high\", \"requirements\": [{\"type\": \"mounts-covered\"}]}",
            "name: 'B!' must be",
            "{\"name\": \"b\", \"severity\": \"high\",\n \"requirements\": [{\"type\": \"path-covered\"}]}",
            "requirements[0].path: required",
            "{\"name\": \"b\", \"severity\": \"high\", \"selector\": {\"labels\": [\"env\"]},"
                + " \"requirements\": [{\"type\": \"mounts-covered\"}]}",
            "selector.labels: must be an object",
            "{\"name\": \"b\", \"severity\": ",
            "malformed JSON");
    cases.forEach(
        (body, detail) ->
            operator()
                .contentType("application/json")
                .body(body)
                .post(BASE)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith(detail)));

    operator()
        .contentType("text/plain")
        .body("name: x")
        .post(BASE)
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
  }

  @Test
  void baselinePoliciesCannotBeDeletedButCanBeDisabled() {
    operator()
        .delete(BASE + "/mounts-covered")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("\"enabled\": false"));
    String yaml =
        operator()
            .accept("application/yaml")
            .get(BASE + "/restore-ready")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    operator()
        .contentType("application/yaml")
        .body(bytes(yaml.replace("enabled: true", "enabled: false")))
        .put(BASE + "/restore-ready")
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false))
        .body("baseline", equalTo(true));
    operator()
        .contentType("application/yaml")
        .body(bytes(yaml))
        .put(BASE + "/restore-ready")
        .then()
        .statusCode(200)
        .body("enabled", equalTo(true));
    operator()
        .get("/api/v1/audit?entity=policy&entityId=restore-ready")
        .then()
        .statusCode(200)
        .body("items.action", hasItems("update", "create"));
  }
}
