package io.blindspot.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blindspot.core.coverage.Readiness;
import io.blindspot.core.world.AssetKind;
import io.blindspot.core.world.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

  static final String FULL_JSON =
      """
      {"name": "prod-db", "description": "Databases in prod", "severity": "high",
       "selector": {"labels": {"env": "prod"}, "osFamily": ["debian", "rhel"],
                    "package": "mysql-server", "hostname": "db-*"},
       "requirements": [
         {"type": "assets-covered", "kinds": ["package-db", "service-data"]},
         {"type": "no-uncovered", "severity": "critical"},
         {"type": "mounts-covered"},
         {"type": "fresh-backup", "path": "/etc", "maxAge": "PT26H"},
         {"type": "readiness", "is": "READY"},
         {"id": "tls-keys", "type": "path-covered", "path": "/etc/ssl/private"},
         {"type": "readiness", "is": "AT_RISK"}
       ]}""";

  static final String FULL_YAML =
      """
      name: prod-db
      description: Databases in prod
      severity: high
      selector:
        labels: {env: prod}
        osFamily: [debian, rhel]
        package: mysql-server
        hostname: "db-*"
      requirements:
        - type: assets-covered
          kinds: [package-db, service-data]
        - type: no-uncovered
          severity: critical
        - type: mounts-covered
        - type: fresh-backup
          path: /etc
          maxAge: PT26H
        - type: readiness
          is: READY
        - id: tls-keys
          type: path-covered
          path: /etc/ssl/private
        - type: readiness
          is: AT_RISK
      """;

  @Test
  void everyRequirementTypeReadsFromJsonAndYamlAlike() {
    Policy json = PolicyParser.fromJson(FULL_JSON);
    Policy yaml = PolicyParser.fromYaml(FULL_YAML);
    assertThat(yaml).isEqualTo(json);
    assertThat(json.name()).isEqualTo("prod-db");
    assertThat(json.severity()).isEqualTo(Severity.HIGH);
    assertThat(json.enabled()).isTrue();
    assertThat(json.selector())
        .isEqualTo(
            new Selector(Map.of("env", "prod"), List.of("debian", "rhel"), "mysql-server", "db-*"));
    assertThat(json.requirements())
        .containsExactly(
            new Requirement.AssetsCovered(
                "assets-covered", List.of(AssetKind.PACKAGE_DB, AssetKind.SERVICE_DATA)),
            new Requirement.NoUncovered("no-uncovered", Severity.CRITICAL),
            new Requirement.MountsCovered("mounts-covered"),
            new Requirement.FreshBackup("fresh-backup", "/etc", Duration.ofHours(26)),
            new Requirement.ReadinessIs("readiness", Readiness.READY),
            new Requirement.PathCovered("tls-keys", "/etc/ssl/private"),
            new Requirement.ReadinessIs("readiness-2", Readiness.AT_RISK));
  }

  @Test
  void theCanonicalFormReadsBackToTheSamePolicy() {
    Policy policy = PolicyParser.fromJson(FULL_JSON);
    assertThat(PolicyParser.fromJson(PolicyParser.toJson(policy))).isEqualTo(policy);
    assertThat(PolicyParser.fromYaml(PolicyParser.toYaml(policy))).isEqualTo(policy);
    assertThat(PolicyParser.toYaml(policy))
        .startsWith("name: prod-db\n")
        .contains("maxAge: PT26H")
        .contains("id: readiness-2");
  }

  @Test
  void generatedIdsSkipThoseGivenExplicitly() {
    Policy policy =
        PolicyParser.fromJson(
            """
            {"name": "p", "severity": "low", "requirements": [
              {"type": "mounts-covered"}, {"id": "mounts-covered-2", "type": "mounts-covered"},
              {"type": "mounts-covered"}]}""");
    assertThat(policy.requirements())
        .extracting(Requirement::id)
        .containsExactly("mounts-covered", "mounts-covered-2", "mounts-covered-3");
  }

  @Test
  void errorsNameTheFieldAndTheYamlLine() {
    String yaml =
        """
        name: p
        severity: high
        requirements:
          - type: readiness
            is: READY
          - type: mounts-covered
          - type: fresh-backup
            path: /etc
            maxAge: 26 hours
        """;
    assertThatThrownBy(() -> PolicyParser.fromYaml(yaml))
        .isInstanceOfSatisfying(
            PolicyFormatException.class,
            e -> {
              assertThat(e.field()).isEqualTo("requirements[2].maxAge");
              assertThat(e.line()).isEqualTo(9);
              assertThat(e.getMessage())
                  .startsWith("requirements[2].maxAge: not an ISO-8601 duration")
                  .endsWith("(line 9)");
            });
  }

  @Test
  void jsonErrorsCarryTheLineToo() {
    String json =
        """
        {"name": "p",
         "severity": "high",
         "requirements": [{"type": "no-uncovered",
                           "severity": "dire"}]}""";
    assertThatThrownBy(() -> PolicyParser.fromJson(json))
        .isInstanceOfSatisfying(
            PolicyFormatException.class,
            e -> {
              assertThat(e.field()).isEqualTo("requirements[0].severity");
              assertThat(e.line()).isEqualTo(4);
              assertThat(e.getMessage()).contains("unknown severity 'dire'");
            });
  }

  @Test
  void unknownFieldsAndTypesAreRejected() {
    assertThatThrownBy(
            () ->
                PolicyParser.fromJson(
                    "{\"name\": \"p\", \"severity\": \"high\", \"owner\": \"me\","
                        + " \"requirements\": [{\"type\": \"mounts-covered\"}]}"))
        .hasMessageStartingWith("owner: unknown field");
    assertThatThrownBy(
            () ->
                PolicyParser.fromJson(
                    "{\"name\": \"p\", \"severity\": \"high\", \"requirements\":"
                        + " [{\"type\": \"fresh-backup\", \"path\": \"/etc\", \"maxage\": \"PT1H\"}]}"))
        .hasMessageStartingWith("requirements[0].maxage: unknown field");
    assertThatThrownBy(
            () ->
                PolicyParser.fromJson(
                    "{\"name\": \"p\", \"severity\": \"high\", \"requirements\":"
                        + " [{\"type\": \"encrypted\"}]}"))
        .hasMessageStartingWith("requirements[0].type: unknown requirement type 'encrypted'");
    assertThatThrownBy(
            () ->
                PolicyParser.fromJson(
                    "{\"name\": \"p\", \"severity\": \"high\", \"selector\": {\"os\": \"debian\"},"
                        + " \"requirements\": [{\"type\": \"mounts-covered\"}]}"))
        .hasMessageStartingWith("selector.os: unknown field");
  }

  @Test
  void fieldsAreChecked() {
    assertThatThrownBy(
            () -> parse("\"name\": \"Bad Name\", \"severity\": \"high\"", "mounts-covered"))
        .hasMessageStartingWith("name: 'Bad Name' must be");
    assertThatThrownBy(() -> parse("\"name\": \"p\"", "mounts-covered"))
        .hasMessageStartingWith("severity: required");
    assertThatThrownBy(
            () ->
                PolicyParser.fromJson(
                    "{\"name\": \"p\", \"severity\": \"high\", \"requirements\": []}"))
        .hasMessageStartingWith("requirements: a policy needs at least one requirement");
    assertThatThrownBy(
            () ->
                PolicyParser.fromJson(
                    "{\"name\": \"p\", \"severity\": \"high\", \"requirements\":"
                        + " [{\"type\": \"path-covered\", \"path\": \"etc/ssl\"}]}"))
        .hasMessageStartingWith("requirements[0].path: must be an absolute path");
    assertThatThrownBy(
            () ->
                PolicyParser.fromJson(
                    "{\"name\": \"p\", \"severity\": \"high\", \"requirements\":"
                        + " [{\"type\": \"assets-covered\", \"kinds\": [\"package-db\", \"disk\"]}]}"))
        .hasMessageStartingWith("requirements[0].kinds[1]: unknown asset kind 'disk'");
    assertThatThrownBy(
            () ->
                PolicyParser.fromJson(
                    "{\"name\": \"p\", \"severity\": \"high\", \"requirements\":"
                        + " [{\"type\": \"readiness\", \"is\": \"GOOD\"}]}"))
        .hasMessageStartingWith("requirements[0].is: unknown readiness 'GOOD'");
    assertThatThrownBy(
            () ->
                PolicyParser.fromJson(
                    "{\"name\": \"p\", \"severity\": \"high\", \"requirements\":"
                        + " [{\"id\": \"a\", \"type\": \"mounts-covered\"},"
                        + " {\"id\": \"a\", \"type\": \"mounts-covered\"}]}"))
        .hasMessageStartingWith("requirements[1].id: duplicate requirement id 'a'");
    assertThatThrownBy(
            () ->
                PolicyParser.fromJson(
                    "{\"name\": \"p\", \"severity\": \"high\", \"enabled\": \"yes\","
                        + " \"requirements\": [{\"type\": \"mounts-covered\"}]}"))
        .hasMessageStartingWith("enabled: must be true or false");
  }

  @Test
  void malformedTextAndSizeAreReported() {
    assertThatThrownBy(() -> PolicyParser.fromJson("{\"name\": \"p\",\n \"severity\": }"))
        .isInstanceOfSatisfying(
            PolicyFormatException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("malformed JSON");
              assertThat(e.line()).isEqualTo(2);
            });
    assertThatThrownBy(() -> PolicyParser.fromYaml("name: p\nname: q\n"))
        .hasMessageContaining("Duplicate field 'name'");
    assertThatThrownBy(() -> PolicyParser.fromJson("[1, 2]"))
        .hasMessageStartingWith("must be a policy (an object)");
    String huge = "{\"name\": \"p\", \"description\": \"" + "x".repeat(70_000) + "\"}";
    assertThatThrownBy(() -> PolicyParser.fromJson(huge))
        .hasMessageContaining("at most " + PolicyParser.MAX_BYTES + " bytes");
    assertThatThrownBy(() -> PolicyParser.fromYaml("  "))
        .hasMessageStartingWith("the body is empty");
  }

  @Test
  void aStoredPolicyWithoutRequirementsStillReads() throws Exception {
    var tree =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree("{\"name\": \"legacy\", \"severity\": \"low\", \"enabled\": true}");
    assertThat(PolicyParser.fromStored(tree).requirements()).isEmpty();
    assertThatThrownBy(() -> PolicyParser.fromTree(tree))
        .hasMessageStartingWith("requirements: required");
  }

  private static Policy parse(String head, String type) {
    return PolicyParser.fromJson(
        "{" + head + ", \"requirements\": [{\"type\": \"" + type + "\"}]}");
  }
}
