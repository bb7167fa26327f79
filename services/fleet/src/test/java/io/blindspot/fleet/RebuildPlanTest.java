package io.blindspot.fleet;

import static io.blindspot.fleet.Operator.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.core.packages.InstallReason;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RebuildPlanTest {

  private static final String SHELL = "text/x-shellscript";

  @Inject DataSource dataSource;
  @Inject ObjectMapper json;

  @Test
  void aGentooPlanHoldsEveryKernelSlotAndWhatToRestore() throws Exception {
    FleetFixture db = new FleetFixture(dataSource);
    CoverageFixture fixture = new CoverageFixture(db, json);
    String hostname = "rb-gentoo";
    Instant now = Instant.now();
    Instant lastSuccess = now.minus(Duration.ofHours(2));
    UUID id = fixture.gentooServer(hostname, lastSuccess);
    CoverageDocument document =
        CoverageFixture.evaluate(
            hostname,
            CoverageFixture.GENTOO_INVENTORY.formatted(hostname),
            CoverageFixture.gentooPackages(),
            List.of(CoverageFixture.DIRVISH_JOB),
            lastSuccess,
            now);
    fixture.coverage(id, document, now, now);

    JsonPath plan =
        operator()
            .get("/api/v1/servers/" + hostname + "/rebuild-plan")
            .then()
            .statusCode(200)
            .contentType("application/json")
            .body("hostname", equalTo(hostname))
            .body("manager", equalTo("portage"))
            .extract()
            .jsonPath();
    assertThat(plan.getList("packages", String.class))
        .contains("=sys-kernel/gentoo-sources-6.6.13", "=sys-kernel/gentoo-sources-6.1.69");
    assertThat(plan.getList("world", String.class)).contains("sys-kernel/gentoo-sources");
    assertThat(plan.getString("partitionTable")).startsWith("label: dos");
    assertThat(plan.getString("fstab")).contains("/dev/hdc4 /var");
    assertThat(plan.getList("steps.title", String.class))
        .contains("Reinstall every package at its exact version, every slot included");
    // what to restore, from which job and snapshot
    assertThat(plan.getString("restore.find { it.path == '/etc/' }.sources[0].job"))
        .isEqualTo("web1");
    assertThat(plan.getString("restore.find { it.path == '/etc/' }.sources[0].snapshot"))
        .isEqualTo("2026-11-25");
    assertThat(plan.getList("restore.find { it.path == '/var/db/pkg/' }.sources")).isEmpty();
    assertThat(plan.getList("warnings", String.class))
        .anyMatch(w -> w.contains("/var/db/pkg/") && w.contains("in no backup"))
        .noneMatch(w -> w.contains("coverage has not been evaluated"));

    String script =
        operator()
            .accept(SHELL)
            .get("/api/v1/servers/" + hostname + "/rebuild-plan")
            .then()
            .statusCode(200)
            .contentType(startsWith(SHELL))
            .extract()
            .asString();
    assertThat(script)
        .startsWith("#!/bin/sh")
        .contains("emerge --oneshot --nodeps")
        .contains("=sys-kernel/gentoo-sources-6.6.13")
        .contains("=sys-kernel/gentoo-sources-6.1.69")
        .contains("cp world /var/lib/portage/world")
        .contains("IN NO BACKUP");
    assertParses(script);
  }

  @Test
  void withoutCoverageThePlanStillExistsWithAWarning() throws Exception {
    FleetFixture db = new FleetFixture(dataSource);
    CoverageFixture fixture = new CoverageFixture(db, json);
    fixture.gentooServer("rb-gentoo-fresh", Instant.now());
    JsonPath plan =
        operator()
            .get("/api/v1/servers/rb-gentoo-fresh/rebuild-plan")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(plan.getList("packages", String.class))
        .contains("=sys-kernel/gentoo-sources-6.6.13", "=sys-kernel/gentoo-sources-6.1.69");
    assertThat(plan.getList("restore")).isEmpty();
    assertThat(plan.getList("warnings", String.class))
        .anyMatch(w -> w.contains("coverage has not been evaluated yet"));
    assertParses(
        operator()
            .accept(SHELL)
            .get("/api/v1/servers/rb-gentoo-fresh/rebuild-plan")
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  @Test
  void aDebianPlanInstallsExactVersionsWithApt() throws Exception {
    FleetFixture db = new FleetFixture(dataSource);
    UUID id = db.server("rb-debian").os("debian", "debian", "Debian GNU/Linux", "12").insert();
    PackageSet set =
        new PackageSet(
            PackageManager.DPKG,
            List.of(
                InstalledPackage.builder("openssl")
                    .version("3.0.15-1~deb12u1")
                    .arch("amd64")
                    .reason(InstallReason.EXPLICIT)
                    .build(),
                InstalledPackage.builder("libc6")
                    .version("2.36-9+deb12u9")
                    .arch("amd64")
                    .reason(InstallReason.DEPENDENCY)
                    .build(),
                InstalledPackage.builder("tzdata")
                    .epoch(1)
                    .version("2024a-0+deb12u1")
                    .arch("all")
                    .reason(InstallReason.DEPENDENCY)
                    .build()),
            List.of(),
            List.of());
    db.packages(id, set, null, Instant.now());

    JsonPath plan =
        operator()
            .get("/api/v1/servers/rb-debian/rebuild-plan")
            .then()
            .statusCode(200)
            .body("manager", equalTo("dpkg"))
            .extract()
            .jsonPath();
    assertThat(plan.getList("packages", String.class))
        .containsExactly(
            "openssl=3.0.15-1~deb12u1", "libc6=2.36-9+deb12u9", "tzdata=1:2024a-0+deb12u1");
    assertThat(plan.getList("warnings", String.class))
        .anyMatch(w -> w.contains("no partition table"))
        .anyMatch(w -> w.contains("coverage has not been evaluated yet"));

    String script =
        operator()
            .accept(SHELL)
            .get("/api/v1/servers/rb-debian/rebuild-plan")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(script.lines().filter(l -> l.startsWith("apt-get install")).toList())
        .singleElement()
        .asString()
        .contains("apt-get install -y --allow-downgrades")
        .contains("openssl=3.0.15-1~deb12u1")
        .contains("tzdata=1:2024a-0+deb12u1");
    assertThat(script).contains("apt-mark manual openssl");
    assertParses(script);
  }

  @Test
  void aServerThatReportedNothingGetsAPlanOfWarnings() {
    new FleetFixture(dataSource).server("rb-empty").insert();
    operator()
        .get("/api/v1/servers/rb-empty/rebuild-plan")
        .then()
        .statusCode(200)
        .body("manager", equalTo(null))
        .body("packages.size()", equalTo(0))
        .body("warnings.size()", equalTo(3));
  }

  @Test
  void unknownServersAre404() {
    operator()
        .get("/api/v1/servers/rb-nobody/rebuild-plan")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("no server with hostname 'rb-nobody'"));
    operator()
        .accept(SHELL)
        .get("/api/v1/servers/rb-nobody/rebuild-plan")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  /** The script is valid POSIX shell syntax: {@code sh -n} reads it without running anything. */
  private static void assertParses(String script) throws Exception {
    Process sh = new ProcessBuilder("sh", "-n").redirectErrorStream(true).start();
    try (OutputStream in = sh.getOutputStream()) {
      in.write(script.getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    sh.getInputStream().transferTo(out);
    assertThat(sh.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(sh.exitValue()).as("sh -n: " + out.toString(StandardCharsets.UTF_8)).isZero();
  }
}
