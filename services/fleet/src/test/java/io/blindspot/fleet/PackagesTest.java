package io.blindspot.fleet;

import static io.blindspot.fleet.FleetFixture.pkg;
import static io.blindspot.fleet.FleetFixture.set;
import static io.blindspot.fleet.Operator.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.blindspot.core.packages.ConfigFile;
import io.blindspot.core.packages.InstallReason;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageFormat;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PackageSetJson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class PackagesTest {

  @Inject DataSource dataSource;

  @Test
  void currentPackagesComeBackInCanonicalJson() throws Exception {
    FleetFixture db = new FleetFixture(dataSource);
    UUID id = db.server("pk-gentoo").insert();
    PackageSet set =
        new PackageSet(
            PackageManager.PORTAGE,
            List.of(
                InstalledPackage.builder("gentoo-sources")
                    .category("sys-kernel")
                    .version("6.6.13")
                    .slot("6.6.13")
                    .arch("amd64")
                    .repository("gentoo")
                    .reason(InstallReason.EXPLICIT)
                    .build(),
                InstalledPackage.builder("openssl")
                    .category("dev-libs")
                    .version("3.0.13-r1")
                    .slot("0")
                    .subslot("3")
                    .reason(InstallReason.DEPENDENCY)
                    .build()),
            List.of("sys-kernel/gentoo-sources"),
            List.of("@kde"));
    db.packages(id, set, null, Instant.now());

    String body =
        operator()
            .get("/api/v1/servers/pk-gentoo/packages")
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .asString();
    assertThat(body).isEqualTo(PackageSetJson.toJson(set));
    assertThat(PackageSetJson.fromJson(body)).isEqualTo(set);

    operator()
        .get("/api/v1/servers/pk-gentoo/packages?format=dpkg-status")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", startsWith("format: 'dpkg-status' is the format of dpkg systems"));
    operator()
        .get("/api/v1/servers/pk-gentoo/packages?format=vdb")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", startsWith("format: unknown format 'vdb'"));
  }

  /** The native text forms read back through core's own parsers into the same packages. */
  @ParameterizedTest
  @CsvSource({"dpkg-status, DPKG_STATUS", "rpm-qa, RPM_QA", "apk-installed, APK_INSTALLED"})
  void nativeFormatsReadBackThroughCoresParsers(String format, PackageFormat packageFormat)
      throws Exception {
    PackageManager manager = packageFormat.manager().orElseThrow();
    String hostname = "pk-native-" + format;
    List<InstalledPackage> packages =
        switch (manager) {
          case DPKG ->
              List.of(
                  InstalledPackage.builder("openssl")
                      .version("3.0.15-1~deb12u1")
                      .arch("amd64")
                      .configFiles(
                          List.of(
                              new ConfigFile(
                                  "/etc/ssl/openssl.cnf",
                                  "md5",
                                  "4e3c1b5b1e1a0b7f8f6b6d0f5b2a1c3d")))
                      .build(),
                  InstalledPackage.builder("tzdata")
                      .epoch(1)
                      .version("2024a-0+deb12u1")
                      .arch("all")
                      .build());
          case RPM ->
              List.of(
                  InstalledPackage.builder("bash")
                      .version("5.1.8")
                      .release("9.el9")
                      .arch("x86_64")
                      .repository("Rocky Enterprise Software Foundation")
                      .build(),
                  InstalledPackage.builder("perl-libs")
                      .epoch(4)
                      .version("5.32.1")
                      .release("481.el9")
                      .arch("x86_64")
                      .build());
          default ->
              List.of(
                  InstalledPackage.builder("musl")
                      .version("1.2.5")
                      .release("r0")
                      .arch("x86_64")
                      .build(),
                  InstalledPackage.builder("alpine-baselayout")
                      .version("3.6.5")
                      .release("r0")
                      .arch("x86_64")
                      .configFiles(
                          List.of(
                              new ConfigFile(
                                  "/etc/hosts", "sha1", "Q1abcdefghijklmnopqrstuvwxyz0="),
                              new ConfigFile(
                                  "/etc/apk/arch", "sha1", "Q1bcdefghijklmnopqrstuvwxyz01=")))
                      .build());
        };
    FleetFixture db = new FleetFixture(dataSource);
    UUID id = db.server(hostname).insert();
    PackageSet stored = new PackageSet(manager, packages, List.of(), List.of());
    db.packages(id, stored, null, Instant.now());

    byte[] body =
        operator()
            .get("/api/v1/servers/" + hostname + "/packages?format=" + format)
            .then()
            .statusCode(200)
            .contentType(packageFormat.mediaType())
            .extract()
            .asByteArray();
    PackageSet parsed = packageFormat.parser().parse(new ByteArrayInputStream(body));
    assertThat(parsed.manager()).isEqualTo(manager);
    assertThat(parsed.packages())
        .extracting(InstalledPackage::key, InstalledPackage::fullVersion)
        .containsExactlyElementsOf(
            packages.stream()
                .map(p -> org.assertj.core.groups.Tuple.tuple(p.key(), p.fullVersion()))
                .toList());
    assertThat(
            parsed.packages().stream().flatMap(p -> p.configFiles().stream()).map(ConfigFile::path))
        .containsExactlyElementsOf(
            packages.stream()
                .flatMap(p -> p.configFiles().stream())
                .map(ConfigFile::path)
                .toList());
  }

  @Test
  void packagesOfAServerThatNeverUploadedThemAreNotFound() {
    new FleetFixture(dataSource).server("pk-none").insert();
    operator()
        .get("/api/v1/servers/pk-none/packages")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("server 'pk-none' has not uploaded its packages yet"));
    operator()
        .get("/api/v1/servers/pk-unknown/packages")
        .then()
        .statusCode(404)
        .body("detail", equalTo("no server with hostname 'pk-unknown'"));
    operator()
        .get("/api/v1/servers/pk-none/packages/history")
        .then()
        .statusCode(200)
        .body("items", equalTo(List.of()))
        .body("next", equalTo(null));
    operator().get("/api/v1/servers/pk-unknown/packages/history").then().statusCode(404);
  }

  @Test
  void historyIsNewestFirstWithDiffsAndPages() {
    FleetFixture db = new FleetFixture(dataSource);
    UUID id = db.server("pk-history").insert();
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    PackageSet first = set(PackageManager.DPKG, pkg("openssl", "3.0.14-1"), pkg("vim", "9.0-1"));
    PackageSet second = set(PackageManager.DPKG, pkg("openssl", "3.0.15-1"), pkg("curl", "7.88-1"));
    List<Long> snapshots = new ArrayList<>();
    snapshots.add(db.packages(id, first, null, t0));
    snapshots.add(db.packages(id, second, first, t0.plusSeconds(3600)));
    PackageSet previous = second;
    for (int i = 0; i < 5; i++) {
      PackageSet next =
          set(PackageManager.DPKG, pkg("openssl", "3.0.15-1"), pkg("curl", "7.88-" + (i + 2)));
      snapshots.add(db.packages(id, next, previous, t0.plusSeconds(7200 + i)));
      previous = next;
    }

    JsonPath page =
        operator()
            .get("/api/v1/servers/pk-history/packages/history?limit=3")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(page.getList("items.snapshotId", Long.class))
        .containsExactly(snapshots.get(6), snapshots.get(5), snapshots.get(4));
    assertThat(page.getString("items[0].manager")).isEqualTo("dpkg");
    assertThat(page.getInt("items[0].packageCount")).isEqualTo(2);

    List<Long> all = new ArrayList<>(page.getList("items.snapshotId", Long.class));
    String after = page.getString("next");
    while (after != null) {
      page =
          operator()
              .queryParam("limit", 3)
              .queryParam("after", after)
              .get("/api/v1/servers/pk-history/packages/history")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      all.addAll(page.getList("items.snapshotId", Long.class));
      after = page.getString("next");
    }
    List<Long> newestFirst = new ArrayList<>(snapshots);
    java.util.Collections.reverse(newestFirst);
    assertThat(all).containsExactlyElementsOf(newestFirst);

    JsonPath oldest =
        operator()
            .get("/api/v1/servers/pk-history/packages/history?limit=500")
            .then()
            .extract()
            .jsonPath();
    String second1 = "items.find { it.snapshotId == " + snapshots.get(1) + " }";
    assertThat(oldest.getString(second1 + ".takenAt")).isEqualTo("2026-11-01T01:00:00Z");
    assertThat(oldest.getList(second1 + ".diff.added.key")).containsExactly("curl.amd64");
    assertThat(oldest.getList(second1 + ".diff.removed.key")).containsExactly("vim.amd64");
    assertThat(oldest.getString(second1 + ".diff.changed[0].from")).isEqualTo("3.0.14-1");
    assertThat(oldest.getString(second1 + ".diff.changed[0].to")).isEqualTo("3.0.15-1");

    operator()
        .get("/api/v1/servers/pk-history/packages/history?after=garbage")
        .then()
        .statusCode(400)
        .body("detail", startsWith("after:"));
    operator()
        .get("/api/v1/servers/pk-history/packages/history?limit=501")
        .then()
        .statusCode(400)
        .body("detail", startsWith("limit:"));
  }

  /**
   * One server per version; the query must follow each manager's ordering, which here differs from
   * plain string order every time.
   */
  @ParameterizedTest(name = "{0} {1} below {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // dpkg: a tilde sorts before anything, the epoch outranks the upstream version
        "dpkg|1.0~rc1 1.0 1:0.9 2.0|1.0|1.0~rc1",
        "dpkg|1.0~rc1 1.0 1:0.9 2.0|2.0|1.0~rc1 1.0",
        "dpkg|1.0~rc1 1.0 1:0.9 2.0|1:0.10|1.0~rc1 1.0 1:0.9 2.0",
        // rpm: numeric segments compare as numbers
        "rpm|1.9-1 1.10-1 1.10-2|1.10-1|1.9-1",
        "rpm|1.9-1 1.10-1 1.10-2|2-1|1.9-1 1.10-1 1.10-2",
        // Gentoo: _rc before the release, -r revisions after it
        "portage|1.0_rc1 1.0 1.0-r1|1.0|1.0_rc1",
        "portage|1.0_rc1 1.0 1.0-r1|1.0-r1|1.0_rc1 1.0",
        // apk: _rc before the release, pkgrel after
        "apk|1.0_rc1-r0 1.0-r0 1.0-r10 1.0-r2|1.0-r3|1.0_rc1-r0 1.0-r0 1.0-r2",
        // pacman: epoch first, then vercmp
        "pacman|1.0-1 1:0.9-1 2.0-1 1.0rc1-1|2.0-1|1.0-1 1.0rc1-1"
      })
  void versionBelowFollowsTheManagersOrdering(
      String manager, String installed, String below, String expected) {
    PackageManager packageManager = PackageManager.fromId(manager);
    String name = "vb-" + manager + "-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> versions = List.of(installed.split(" "));
    FleetFixture db = new FleetFixture(dataSource);
    for (int i = 0; i < versions.size(); i++) {
      UUID id = db.server(name + "-host-" + i).insert();
      db.packages(
          id,
          set(packageManager, installed(packageManager, name, versions.get(i))),
          null,
          Instant.now());
    }
    String qualified = packageManager == PackageManager.PORTAGE ? "dev-libs/" + name : name;

    JsonPath result =
        operator()
            .queryParam("name", qualified)
            .queryParam("versionBelow", below)
            .get("/api/v1/packages")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(result.getList("items.version", String.class))
        .containsExactlyInAnyOrderElementsOf(List.of(expected.split(" ")));
    assertThat(result.getList("items.manager", String.class)).containsOnly(manager);
    assertThat(result.getList("items.hostname", String.class)).isSorted();

    // With the manager named, and the complement through versionAtLeast.
    List<String> atLeast =
        operator()
            .queryParam("name", name)
            .queryParam("manager", manager)
            .queryParam("versionAtLeast", below)
            .get("/api/v1/packages")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.version", String.class);
    List<String> complement = new ArrayList<>(versions);
    complement.removeAll(List.of(expected.split(" ")));
    assertThat(atLeast).containsExactlyInAnyOrderElementsOf(complement);
  }

  @Test
  void itemsCarryTheInstallationsFields() {
    FleetFixture db = new FleetFixture(dataSource);
    UUID id = db.server("fi-gentoo").insert();
    db.packages(
        id,
        set(
            PackageManager.PORTAGE,
            InstalledPackage.builder("fi-glibc")
                .category("sys-libs")
                .version("2.39")
                .release(null)
                .slot("2.2")
                .arch("amd64")
                .build()),
        null,
        Instant.now());
    UUID other = db.server("fi-debian").insert();
    db.packages(other, set(PackageManager.DPKG, pkg("fi-glibc", "2.36-9")), null, Instant.now());

    operator()
        .get("/api/v1/packages?name=sys-libs/fi-glibc")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("items[0].hostname", equalTo("fi-gentoo"))
        .body("items[0].serverId", equalTo(id.toString()))
        .body("items[0].manager", equalTo("portage"))
        .body("items[0].name", equalTo("fi-glibc"))
        .body("items[0].category", equalTo("sys-libs"))
        .body("items[0].version", equalTo("2.39"))
        .body("items[0].slot", equalTo("2.2"))
        .body("items[0].arch", equalTo("amd64"))
        .body("next", equalTo(null));
    operator()
        .get("/api/v1/packages?name=fi-glibc")
        .then()
        .body("items.hostname", equalTo(List.of("fi-debian", "fi-gentoo")));
    operator()
        .get("/api/v1/packages?name=fi-glibc&manager=dpkg")
        .then()
        .body("items.hostname", equalTo(List.of("fi-debian")));
  }

  @Test
  void fleetWideResultsPage() {
    FleetFixture db = new FleetFixture(dataSource);
    for (int i = 0; i < 7; i++) {
      UUID id = db.server("fp-%02d".formatted(i)).insert();
      db.packages(
          id, set(PackageManager.RPM, pkg("fp-kernel", "6." + i + "-1")), null, Instant.now());
    }
    for (boolean filtered : List.of(false, true)) {
      List<String> seen = new ArrayList<>();
      String after = null;
      do {
        var request = operator().queryParam("name", "fp-kernel").queryParam("limit", 3);
        if (filtered) {
          request.queryParam("versionBelow", "6.5-1");
        }
        if (after != null) {
          request.queryParam("after", after);
        }
        JsonPath page = request.get("/api/v1/packages").then().statusCode(200).extract().jsonPath();
        seen.addAll(page.getList("items.hostname"));
        after = page.getString("next");
      } while (after != null);
      assertThat(seen)
          .containsExactlyElementsOf(
              filtered
                  ? List.of("fp-00", "fp-01", "fp-02", "fp-03", "fp-04")
                  : List.of("fp-00", "fp-01", "fp-02", "fp-03", "fp-04", "fp-05", "fp-06"));
    }
  }

  @Test
  void installOnlyPackagesListEveryInstalledVersion() {
    FleetFixture db = new FleetFixture(dataSource);
    UUID id = db.server("io-rocky").insert();
    db.packages(
        id,
        set(
            PackageManager.RPM,
            InstalledPackage.builder("io-kernel-core")
                .version("5.14.0")
                .release("427.13.1.el9_4")
                .arch("x86_64")
                .build(),
            InstalledPackage.builder("io-kernel-core")
                .version("5.14.0")
                .release("503.14.1.el9_5")
                .arch("x86_64")
                .build()),
        null,
        Instant.now());

    List<String> versions = new ArrayList<>();
    String after = null;
    do {
      var request = operator().queryParam("name", "io-kernel-core").queryParam("limit", 1);
      if (after != null) {
        request.queryParam("after", after);
      }
      JsonPath page = request.get("/api/v1/packages").then().statusCode(200).extract().jsonPath();
      versions.addAll(page.getList("items.version"));
      after = page.getString("next");
    } while (after != null);
    assertThat(versions).containsExactly("5.14.0-427.13.1.el9_4", "5.14.0-503.14.1.el9_5");

    operator()
        .get("/api/v1/packages?name=io-kernel-core&versionBelow=5.14.0-500")
        .then()
        .body("items.version", equalTo(List.of("5.14.0-427.13.1.el9_4")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "|name: required",
        "name=x&manager=yum|manager: unknown package manager 'yum'",
        "name=x&manager=dpkg&versionBelow=not a version|versionBelow: 'not a version' is not a valid dpkg version",
        "name=/x|name: expected name or category/name",
        "name=x&limit=0|limit: must be between 1 and 10000",
        "name=x&after=bad|after: not a cursor this endpoint issued"
      })
  void badQueriesNameTheParameter(String query, String detail) {
    operator()
        .get("/api/v1/packages" + (query == null ? "" : "?" + query))
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", startsWith(detail));
  }

  private static InstalledPackage installed(PackageManager manager, String name, String full) {
    // The fixture stores InstalledPackage.fullVersion(); build packages whose full version is
    // exactly the string given, splitting epoch and release the way each manager does.
    InstalledPackage.Builder builder = InstalledPackage.builder(name).arch("amd64");
    String version = full;
    int colon = version.indexOf(':');
    if (manager != PackageManager.PORTAGE && manager != PackageManager.APK && colon > 0) {
      builder.epoch(Integer.parseInt(version.substring(0, colon)));
      version = version.substring(colon + 1);
    }
    if (manager == PackageManager.PORTAGE) {
      return builder.category("dev-libs").slot("0").arch(null).version(version).build();
    }
    if (manager == PackageManager.RPM
        || manager == PackageManager.PACMAN
        || manager == PackageManager.APK) {
      int hyphen = version.lastIndexOf('-');
      return builder
          .version(version.substring(0, hyphen))
          .release(version.substring(hyphen + 1))
          .build();
    }
    return builder.version(version).build();
  }
}
