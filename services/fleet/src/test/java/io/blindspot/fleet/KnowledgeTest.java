package io.blindspot.fleet;

import static io.blindspot.fleet.Operator.operator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class KnowledgeTest {

  private static final String BASE = "/api/v1/knowledge/services";
  private static final String GITEA =
      """
      {"name": "Gitea", "severity": "critical", "packages": {"dpkg": ["gitea"],
       "portage": ["www-apps/gitea"]}, "services": ["gitea"],
       "paths": ["/var/lib/gitea/", "/etc/gitea/app.ini"],
       "note": "Use gitea dump for a consistent copy."}""";

  @Inject DataSource dataSource;

  @Test
  void builtInEntriesAreListedAsSuch() {
    JsonPath body = operator().get(BASE).then().statusCode(200).extract().jsonPath();
    assertThat(body.getString("items.find { it.id == 'mysql' }.source")).isEqualTo("builtin");
    assertThat(body.getList("items.find { it.id == 'mysql' }.paths")).contains("/var/lib/mysql/");
    assertThat(body.getString("items.find { it.id == 'mysql' }.severity")).isEqualTo("critical");
    assertThat(body.getList("items.id", String.class)).doesNotHaveDuplicates();
  }

  @Test
  void anOperatorEntryIsAddedReplacedAndRemovedAndEveryChangeQueuesTheFleet() {
    FleetFixture db = new FleetFixture(dataSource);
    db.server("kb-1").insert();
    db.server("kb-2").insert();
    db.update("DELETE FROM coverage_queue");

    operator()
        .contentType("application/json")
        .body(GITEA)
        .put(BASE + "/gitea-kb")
        .then()
        .statusCode(201)
        .body("id", equalTo("gitea-kb"))
        .body("source", equalTo("operator"))
        .body("replacesBuiltIn", equalTo(false))
        .body("severity", equalTo("critical"))
        .body("packages.portage[0]", equalTo("www-apps/gitea"))
        .body("paths", equalTo(List.of("/var/lib/gitea/", "/etc/gitea/app.ini")))
        .body("updatedAt", startsWith("20"));
    long servers = db.count("SELECT count(*) FROM servers");
    assertThat(
            db.count("SELECT count(*) FROM coverage_queue WHERE reason = 'knowledge base changed'"))
        .isEqualTo(servers)
        .isGreaterThanOrEqualTo(2);
    assertThat(
            db.count(
                "SELECT count(*) FROM service_knowledge WHERE id = 'gitea-kb'"
                    + " AND entry ->> 'name' = 'Gitea' AND entry -> 'paths' @> '[\"/var/lib/gitea/\"]'::jsonb"))
        .isEqualTo(1);
    assertThat(
            operator()
                .get(BASE)
                .then()
                .extract()
                .jsonPath()
                .getString("items.find { it.id == 'gitea-kb' }.source"))
        .isEqualTo("operator");

    db.update("DELETE FROM coverage_queue");
    operator()
        .contentType("application/json")
        .body(GITEA.replace("\"critical\"", "\"medium\""))
        .put(BASE + "/gitea-kb")
        .then()
        .statusCode(200)
        .header("Blindspot-Recompute-Queued", String.valueOf(servers))
        .body("severity", equalTo("medium"));
    assertThat(db.count("SELECT count(*) FROM coverage_queue")).isEqualTo(servers);

    db.update("DELETE FROM coverage_queue");
    operator().delete(BASE + "/gitea-kb").then().statusCode(204);
    assertThat(db.count("SELECT count(*) FROM coverage_queue")).isEqualTo(servers);
    assertThat(db.count("SELECT count(*) FROM service_knowledge WHERE id = 'gitea-kb'")).isZero();
    operator()
        .delete(BASE + "/gitea-kb")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("no operator entry with id 'gitea-kb'"));
  }

  @Test
  void anOperatorEntryReplacesTheBuiltInOneOfItsIdUntilRemoved() {
    operator()
        .contentType("application/json")
        .body(
            """
            {"name": "Redis (custom)", "severity": "low", "packages": {"dpkg": ["redis-server"]},
             "paths": ["/srv/redis/"]}""")
        .put(BASE + "/redis")
        .then()
        .statusCode(201)
        .body("replacesBuiltIn", equalTo(true));
    JsonPath listed = operator().get(BASE).then().extract().jsonPath();
    assertThat(listed.getList("items.findAll { it.id == 'redis' }.source"))
        .containsExactly("operator");
    operator().delete(BASE + "/redis").then().statusCode(204);
    assertThat(
            operator()
                .get(BASE)
                .then()
                .extract()
                .jsonPath()
                .getList("items.findAll { it.id == 'redis' }.source"))
        .containsExactly("builtin");
    // the built-in entry itself cannot be removed
    operator()
        .delete(BASE + "/redis")
        .then()
        .statusCode(404)
        .body("detail", containsString("built-in entry"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"severity\": \"high\", \"packages\": {\"dpkg\": [\"x\"]}, \"paths\": [\"/x/\"]}|name: required",
        "{\"name\": \"X\", \"severity\": \"urgent\", \"packages\": {\"dpkg\": [\"x\"]}, \"paths\": [\"/x/\"]}|severity: unknown severity 'urgent'",
        "{\"name\": \"X\", \"packages\": {\"yum\": [\"x\"]}, \"paths\": [\"/x/\"]}|packages.yum: unknown package manager 'yum'",
        "{\"name\": \"X\", \"packages\": {\"portage\": [\"gitea\"]}, \"paths\": [\"/x/\"]}|packages.portage[0]: portage package names are category/name",
        "{\"name\": \"X\", \"paths\": [\"/x/\"]}|packages: the entry needs at least one package",
        "{\"name\": \"X\", \"services\": [\"x\"], \"paths\": [\"var/lib/x/\"]}|paths[0]: must be an absolute path",
        "{\"name\": \"X\", \"services\": [\"x\"], \"paths\": [\"/var/lib/../x/\"]}|paths[0]: must not contain '.' or '..' segments",
        "{\"name\": \"X\", \"services\": [\"x\"], \"paths\": [\"/var/lib/*/\"]}|paths[0]: must be a path, not a pattern",
        "{\"name\": \"X\", \"services\": [\"x\"]}|paths: the entry needs at least one data path",
        "{\"name\": \"X\", \"services\": [\"x\"], \"pathsByManager\": {\"rpm\": [\"x\"]}}|pathsByManager.rpm[0]: must be an absolute path",
        "{\"id\": \"other\", \"name\": \"X\", \"services\": [\"x\"], \"paths\": [\"/x/\"]}|id: the body's id 'other' differs",
        "{\"name\": \"X\", \"services\": [\"x\"], \"paths\": \"/x/\"}|malformed JSON: paths"
      })
  void badEntriesAreRefusedNamingTheField(String body, String detail) {
    operator()
        .contentType("application/json")
        .body(body)
        .put(BASE + "/bad-entry")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", startsWith(detail));
    assertThat(
            new FleetFixture(dataSource)
                .count("SELECT count(*) FROM service_knowledge WHERE id = 'bad-entry'"))
        .isZero();
  }

  @Test
  void aBadIdIsNamed() {
    operator()
        .contentType("application/json")
        .body(GITEA)
        .put(BASE + "/Not Valid")
        .then()
        .statusCode(400)
        .body("detail", startsWith("id: 'Not Valid' must be"));
  }

  @Test
  void writesWantTheAdminToken() {
    given()
        .contentType("application/json")
        .body(GITEA)
        .put(BASE + "/gitea")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given().delete(BASE + "/gitea").then().statusCode(401).contentType("application/problem+json");
  }
}
