package io.blindspot.fleet;

import static io.blindspot.fleet.DashboardFixture.browser;
import static io.blindspot.fleet.DashboardFixture.login;
import static io.blindspot.fleet.DashboardFixture.signIn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.core.tokens.TokenDigest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DashboardTest {

  @Inject DataSource dataSource;
  @Inject ObjectMapper json;

  private FleetFixture db() {
    return new FleetFixture(dataSource);
  }

  private DashboardFixture fixture() {
    return new DashboardFixture(db(), json);
  }

  // ---------------------------------------------------------------------------------------------
  // Signing in
  // ---------------------------------------------------------------------------------------------

  @Test
  void pagesRedirectToTheLoginFormWithoutASession() {
    for (String page :
        new String[] {
          "/dashboard", "/dashboard/servers/web1", "/dashboard/findings", "/dashboard/policies"
        }) {
      Response response = given().redirects().follow(false).get(page);
      assertThat(response.statusCode()).as(page).isEqualTo(303);
      assertThat(response.header("Location"))
          .as(page)
          .endsWith(
              "/dashboard/login?next="
                  + java.net.URLEncoder.encode(page, java.nio.charset.StandardCharsets.UTF_8));
    }
    // a cookie that names no session is no session
    assertThat(browser("bsd_made-up").get("/dashboard").statusCode()).isEqualTo(303);
    String form = given().get("/dashboard/login").then().statusCode(200).extract().asString();
    assertThat(form)
        .contains("<form method=\"post\" action=\"/dashboard/login\"")
        .contains("type=\"password\" id=\"token\" name=\"token\"")
        .doesNotContain("Sign out");
  }

  @Test
  void aWrongTokenIsRefusedWithoutASession() {
    for (String token : new String[] {"not-the-admin-token", "bsa_agent-token", " "}) {
      Response response = login(token, null);
      assertThat(response.statusCode()).as(token).isEqualTo(401);
      assertThat(response.getCookie(DashboardFixture.COOKIE)).as(token).isNull();
      assertThat(response.asString()).contains("id=\"login-error\"");
    }
    assertThat(login(null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void theAdminTokenOpensAnHttpOnlyStrictSessionAndSigningOutEndsIt() {
    Response response = login(Operator.ADMIN_TOKEN, "/dashboard/findings?severity=critical");
    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.header("Location"))
        .endsWith("/dashboard/findings?severity=critical")
        .doesNotContain(Operator.ADMIN_TOKEN);
    Cookie cookie = response.getDetailedCookie(DashboardFixture.COOKIE);
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualToIgnoringCase("Strict");
    assertThat(cookie.getPath()).isEqualTo("/dashboard");
    assertThat(cookie.isSecured()).as("plain http in tests: not Secure").isFalse();
    assertThat(cookie.getMaxAge()).isPositive();
    String session = cookie.getValue();
    assertThat(session).startsWith("bsd_").doesNotContain(Operator.ADMIN_TOKEN);
    // only the SHA-256 of the session id is stored, never the id itself
    assertThat(
            db().count(
                    "SELECT count(*) FROM dashboard_sessions WHERE session_hash = ?",
                    TokenDigest.sha256(session)))
        .isEqualTo(1);
    assertThat(
            db().count(
                    "SELECT count(*) FROM dashboard_sessions WHERE encode(session_hash, 'escape') LIKE ?",
                    "%" + session + "%"))
        .isZero();

    String overview =
        browser(session).get("/dashboard").then().statusCode(200).extract().asString();
    assertThat(overview).contains("Fleet overview").contains("id=\"signed-in-as\">admin (ADMIN)");

    Response out = browser(session).post("/dashboard/logout");
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.header("Location")).endsWith("/dashboard/login");
    assertThat(out.getDetailedCookie(DashboardFixture.COOKIE).getMaxAge()).isZero();
    assertThat(browser(session).get("/dashboard").statusCode()).isEqualTo(303);
  }

  @Test
  void anExpiredSessionOrARevokedTokenEndsTheSession() {
    String expired = signIn();
    db().update(
            "UPDATE dashboard_sessions SET expires_at = now() - interval '1 minute'"
                + " WHERE session_hash = ?",
            TokenDigest.sha256(expired));
    assertThat(browser(expired).get("/dashboard").statusCode()).isEqualTo(303);

    // a viewer token signs in too, and its session ends when the token is revoked
    io.restassured.path.json.JsonPath issued =
        Operator.operator()
            .contentType("application/json")
            .body("{\"name\": \"dash-viewer-" + UUID.randomUUID() + "\", \"role\": \"viewer\"}")
            .post("/api/v1/tokens")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    Response signedIn = login(issued.getString("token"), null);
    assertThat(signedIn.statusCode()).isEqualTo(303);
    String viewer = signedIn.getCookie(DashboardFixture.COOKIE);
    assertThat(browser(viewer).get("/dashboard").then().statusCode(200).extract().asString())
        .contains("id=\"signed-in-as\">" + issued.getString("name") + " (VIEWER)");
    assertThat(browser(viewer).get("/dashboard/policies").statusCode()).isEqualTo(200);
    Operator.operator().delete("/api/v1/tokens/" + issued.getString("id")).then().statusCode(204);
    assertThat(browser(viewer).get("/dashboard").statusCode()).isEqualTo(303);
    assertThat(login(issued.getString("token"), null).statusCode()).isEqualTo(401);
  }

  @Test
  void afterSigningInOnlyDashboardPagesAreWhereTheFormLeads() {
    for (String next :
        new String[] {
          "https://evil.example/", "//evil.example/dashboard", "/dashboard/../api/v1/servers",
          "/api/v1/servers", "/dashboard\\@evil", "/dashboard/logout"
        }) {
      Response response = login(Operator.ADMIN_TOKEN, next);
      assertThat(response.statusCode()).as(next).isEqualTo(303);
      assertThat(response.header("Location")).as(next).matches("https?://[^/]+/dashboard");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Pages
  // ---------------------------------------------------------------------------------------------

  @Test
  void theOverviewCountsReadinessAndShowsBlindSpotsAndStaleBackups() {
    DashboardFixture fixture = fixture();
    fixture.gentoo("dash-ov-fresh", Duration.ofHours(2));
    fixture.gentoo("dash-ov-stale", Duration.ofDays(3));
    String session = signIn();
    String page = browser(session).get("/dashboard").then().statusCode(200).extract().asString();

    long notRestorable =
        db().count("SELECT count(*) FROM server_coverage WHERE readiness = 'NOT_RESTORABLE'");
    long notEvaluated =
        db().count(
                "SELECT count(*) FROM servers s WHERE NOT EXISTS"
                    + " (SELECT 1 FROM server_coverage c WHERE c.server_id = s.server_id)");
    assertThat(card(page, "rd-not-restorable")).isEqualTo(notRestorable).isGreaterThanOrEqualTo(2);
    assertThat(card(page, "rd-not-evaluated")).isEqualTo(notEvaluated);
    assertThat(card(page, "total")).isEqualTo(db().count("SELECT count(*) FROM servers"));

    // blind spots: the package database, uncovered on every planted Gentoo server
    long pkgUncovered =
        db().count(
                "SELECT count(*) FROM asset_coverage WHERE path = '/var/db/pkg/' AND status = 'uncovered'");
    assertThat(section(page, "blind-spots"))
        .containsPattern(
            "href=\"/dashboard/findings\\?path=%2Fvar%2Fdb%2Fpkg%2F\"><code>/var/db/pkg/</code></a>"
                + "</td><td>package-db</td><td class=\"num\">"
                + pkgUncovered
                + "<");
    // stale backups: three days old is stale, two hours is not
    String stale = section(page, "stale-backups");
    assertThat(stale).contains(">dash-ov-stale</a>").doesNotContain(">dash-ov-fresh</a>");
    assertThat(stale).contains("older than PT26H");
    // the heat map: the least restorable first, with a link to every server
    assertThat(section(page, "heatmap")).contains("class=\"heatmap\"").contains("package-db");
  }

  @Test
  void theServerListIsAHeatMapOfTheWorstStatusPerKindPaginated() {
    DashboardFixture fixture = fixture();
    fixture.gentoo("dash-hm-1", Duration.ofHours(2));
    fixture.gentoo("dash-hm-2", Duration.ofHours(2));
    UUID bare = db().server("dash-hm-3-unevaluated").insert();
    String session = signIn();
    String page =
        browser(session)
            .queryParam("host", "dash-hm-")
            .get("/dashboard/servers")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(page).contains("3 servers, least restorable first");
    String row1 = row(page, "dash-hm-1");
    // cells in the order of the kinds: package-db, world-set, config, service-data, ...
    assertThat(row1).contains("rd-not-restorable");
    assertThat(cells(row1).get(0)).contains("st-uncovered").contains("package-db: uncovered");
    assertThat(cells(row1).get(1)).contains("st-uncovered").contains("world-set");
    // the unevaluated server comes after the not-restorable ones, all of its cells empty
    assertThat(page.indexOf(">dash-hm-2<")).isLessThan(page.indexOf(">dash-hm-3-unevaluated<"));
    assertThat(cells(row(page, "dash-hm-3-unevaluated"))).allMatch(c -> c.contains("st-none"));
    assertThat(bare).isNotNull();

    // pages of heat-map-rows (25) servers
    for (int i = 0; i < 26; i++) {
      db().server("dash-pg-" + String.format("%02d", i)).insert();
    }
    String first =
        browser(session).queryParam("host", "dash-pg-").get("/dashboard/servers").asString();
    assertThat(first)
        .contains("Page 1 of 2")
        .contains("href=\"/dashboard/servers?page=2&amp;host=dash-pg-\"");
    assertThat(first).contains(">dash-pg-24<").doesNotContain(">dash-pg-25<");
    String second =
        browser(session)
            .queryParam("host", "dash-pg-")
            .queryParam("page", "2")
            .get("/dashboard/servers")
            .asString();
    assertThat(second)
        .contains(">dash-pg-25<")
        .doesNotContain(">dash-pg-24<")
        .contains("Page 2 of 2");
    // nonsense page numbers are the first page, not an error
    assertThat(browser(session).queryParam("page", "x").get("/dashboard/servers").statusCode())
        .isEqualTo(200);
  }

  @Test
  void theServerPageShowsTheTreeEachGapWithItsRuleAndFixDriftPoliciesAndFindings() {
    DashboardFixture fixture = fixture();
    DashboardFixture.Planted server = fixture.gentoo("dash-srv-gentoo", Duration.ofHours(2));
    fixture.policy(
        "dash-package-db-covered",
        "critical",
        "The package database is in a backup",
        "{\"selector\": {}, \"requirements\": [{\"id\": \"r1\", \"type\": \"assets-covered\","
            + " \"kinds\": [\"package-db\"]}]}");
    fixture.result(server.id(), "dash-package-db-covered", "fail", "critical", null);
    fixture.finding(
        server.id(),
        "dash-package-db-covered",
        "/var/db/pkg/",
        "critical",
        0,
        "fail",
        null,
        "package-db /var/db/pkg/ is uncovered");
    String session = signIn();
    String page =
        browser(session)
            .get("/dashboard/servers/dash-srv-gentoo")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(page).contains("<h1 id=\"hostname\">dash-srv-gentoo</h1>");
    assertThat(page).contains("id=\"readiness\">Not restorable</span>");

    // the tree: /var/db/pkg/ under var/ → db/, red, linking to its gap section
    CoverageDocument.AssetEntry pkg = server.asset("/var/db/pkg/");
    String anchor = anchorOf(page, "/var/db/pkg/");
    assertThat(page)
        .containsPattern(
            "<li class=\"tree-row depth-\\d+ st-uncovered asset\" data-path=\"/var/db/pkg/\">");
    // "/" is an asset itself (the root filesystem), red because /var is not kept
    assertThat(page).contains("class=\"tree-row depth-0 st-uncovered asset\" data-path=\"/\"");
    // var/ → db/pkg/: a directory that is no asset folds into its only child
    assertThat(page).contains("<a href=\"#" + anchor + "\" class=\"tree-name\">db/pkg/</a>");
    // ...and a covered asset is green
    String etc =
        server.document().assets().stream()
            .filter(a -> a.status().equals("covered"))
            .findFirst()
            .orElseThrow()
            .path();
    assertThat(page)
        .containsPattern(
            "class=\"tree-row depth-\\d+ st-covered kept asset\" data-path=\""
                + Pattern.quote(etc)
                + "\"");

    // the gap: the job, the rule behind it (master.conf line 5, hidden by /var's filesystem), the
    // fix
    String gap = between(page, "id=\"" + anchor + "\"", "</article>");
    assertThat(gap).contains("web1").contains("other-filesystem");
    assertThat(gap).contains("<code class=\"rule\">/etc/dirvish/master.conf:5: /var/db</code>");
    assertThat(gap).contains(escape(pkg.remediation().get(0).summary()));
    assertThat(gap).contains("checked with the rule engine");
    // drift, policy results, findings, jobs, rebuild plan
    assertThat(section(page, "drift")).contains("no successful backup holds the package database");
    assertThat(section(page, "policies"))
        .contains("dash-package-db-covered")
        .contains("class=\"badge ps-fail\">fail</span>");
    assertThat(section(page, "findings"))
        .contains("package-db /var/db/pkg/ is uncovered")
        .contains("<a href=\"#" + anchor + "\"><code>/var/db/pkg/</code></a>")
        .contains("/etc/dirvish/master.conf:5");
    assertThat(section(page, "jobs")).contains("<td>web1</td><td>dirvish</td>");
    assertThat(page)
        .contains("href=\"/dashboard/servers/dash-srv-gentoo/rebuild-plan\"")
        .contains("href=\"/dashboard/servers/dash-srv-gentoo/rebuild-plan.sh\"");
  }

  @Test
  void theRebuildPlanIsAPageAndADownload() {
    fixture().gentoo("dash-rebuild", Duration.ofHours(2));
    String session = signIn();
    String plan =
        browser(session)
            .get("/dashboard/servers/dash-rebuild/rebuild-plan")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(plan).contains("=sys-kernel/gentoo-sources-6.6.13").contains("#!/bin/sh");
    Response script = browser(session).get("/dashboard/servers/dash-rebuild/rebuild-plan.sh");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.contentType()).startsWith("text/x-shellscript");
    assertThat(script.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"rebuild-dash-rebuild.sh\"");
    assertThat(script.asString()).startsWith("#!/bin/sh").contains("emerge");
  }

  @Test
  void anUnknownServerIsAnHtmlNotFound() {
    String session = signIn();
    for (String page :
        new String[] {
          "/dashboard/servers/nobody-here", "/dashboard/servers/nobody-here/rebuild-plan"
        }) {
      Response response = browser(session).get(page);
      assertThat(response.statusCode()).as(page).isEqualTo(404);
      assertThat(response.contentType()).startsWith("text/html");
      assertThat(response.asString()).contains("No server is called “nobody-here”.");
    }
  }

  @Test
  void theFindingsListFiltersAndLeadsToTheGapOnTheServerPage() {
    DashboardFixture fixture = fixture();
    DashboardFixture.Planted a = fixture.gentoo("dash-find-a", Duration.ofHours(2));
    DashboardFixture.Planted b = fixture.gentoo("dash-find-b", Duration.ofHours(2));
    fixture.policy(
        "dash-find-critical", "critical", "", "{\"selector\": {}, \"requirements\": []}");
    fixture.policy("dash-find-low", "low", "", "{\"selector\": {}, \"requirements\": []}");
    fixture.finding(
        a.id(), "dash-find-critical", "/var/db/pkg/", "critical", 0, "fail", null, "pkg lost on a");
    // a waiver that expired an hour ago no longer applies: the finding reads "fail"
    fixture.finding(
        b.id(),
        "dash-find-critical",
        "/var/db/pkg/",
        "critical",
        0,
        "waived",
        Instant.now().minus(Duration.ofHours(1)),
        "pkg lost on b, waiver expired");
    fixture.finding(
        b.id(),
        "dash-find-low",
        "/var/lib/portage/world",
        "low",
        3,
        "waived",
        Instant.now().plus(Duration.ofDays(3)),
        "world waived");
    String session = signIn();

    String all =
        browser(session).queryParam("host", "dash-find-").get("/dashboard/findings").asString();
    assertThat(all).contains("pkg lost on a").contains("pkg lost on b").contains("world waived");
    // severity first: the critical ones before the low one
    assertThat(all.indexOf("pkg lost on b")).isLessThan(all.indexOf("world waived"));
    assertThat(rowOf(all, "pkg lost on b")).contains("class=\"badge ps-fail\">fail</span>");
    // the rule and the fix from the finding's evidence
    assertThat(rowOf(all, "pkg lost on a"))
        .contains("rule <code class=\"rule\">/etc/dirvish/master.conf:5: /var/db</code>")
        .contains("fix: remove the exclude of /var/db");
    assertThat(rowOf(all, "world waived")).contains("class=\"badge ps-waived\">waived</span>");

    String critical =
        browser(session)
            .queryParam("host", "dash-find-")
            .queryParam("severity", "critical")
            .get("/dashboard/findings")
            .asString();
    assertThat(critical).contains("pkg lost on a").doesNotContain("world waived");
    assertThat(critical).contains("<option value=\"critical\" selected>");
    String failing =
        browser(session)
            .queryParam("host", "dash-find-")
            .queryParam("status", "fail")
            .get("/dashboard/findings")
            .asString();
    assertThat(failing).contains("pkg lost on b, waiver expired").doesNotContain("world waived");
    String byPath =
        browser(session)
            .queryParam("host", "dash-find-")
            .queryParam("path", "/var/lib/")
            .get("/dashboard/findings")
            .asString();
    assertThat(byPath).contains("world waived").doesNotContain("pkg lost on a");
    String byPolicy =
        browser(session)
            .queryParam("host", "dash-find-")
            .queryParam("policy", "dash-find-low")
            .get("/dashboard/findings")
            .asString();
    assertThat(byPolicy).contains("world waived").doesNotContain("pkg lost");

    // each finding leads to the gap's section on its server page
    String anchor =
        anchorOf(browser(session).get("/dashboard/servers/dash-find-a").asString(), "/var/db/pkg/");
    assertThat(rowOf(all, "pkg lost on a"))
        .contains("href=\"/dashboard/servers/dash-find-a#" + anchor + "\"");
  }

  @Test
  void thePoliciesAndWaiversPagesListThemWithTheirState() {
    DashboardFixture fixture = fixture();
    DashboardFixture.Planted server = fixture.gentoo("dash-pol", Duration.ofHours(2));
    fixture.policy(
        "dash-pol-etc",
        "high",
        "/etc is backed up daily",
        "{\"selector\": {\"labels\": {\"env\": \"prod\"}}, \"requirements\": [{\"id\": \"r1\","
            + " \"type\": \"fresh-backup\", \"path\": \"/etc\", \"maxAge\": \"PT26H\"}]}");
    fixture.result(server.id(), "dash-pol-etc", "waived", "high", Instant.now().minusSeconds(60));
    fixture.waiver(
        "dash-pol-etc", server.id(), "disk swap this week", Instant.now().plus(Duration.ofDays(2)));
    fixture.waiver(
        "dash-pol-etc", server.id(), "long gone", Instant.now().minus(Duration.ofDays(2)));
    String session = signIn();

    String policies =
        browser(session).get("/dashboard/policies").then().statusCode(200).extract().asString();
    String row = between(policies, "id=\"policy-dash-pol-etc\"", "</tr>");
    assertThat(row)
        .contains("/etc is backed up daily")
        .contains("{&quot;labels&quot;:{&quot;env&quot;:&quot;prod&quot;}}")
        .contains("&quot;type&quot;:&quot;fresh-backup&quot;")
        .contains("sev-high");
    // the expired waiver of the result counts as a failure
    assertThat(row).contains("<td class=\"num ps-fail\">1</td>");

    String active =
        browser(session).get("/dashboard/waivers").then().statusCode(200).extract().asString();
    assertThat(active).contains("disk swap this week").doesNotContain("long gone");
    assertThat(active).contains("href=\"/dashboard/servers/dash-pol\"");
    String all = browser(session).queryParam("all", "true").get("/dashboard/waivers").asString();
    assertThat(all).contains("disk swap this week").contains("long gone");
    assertThat(rowOf(all, "long gone")).contains("badge waiver-expired");
  }

  @Test
  void hostileHostnamesPathsAndMessagesAreEscapedEverywhere() {
    String hostile = "<img src=x onerror=alert(1)>\"'&";
    String path = "/srv/<script>alert(\"p\")</script>/";
    UUID id = db().server(hostile).insert();
    DashboardFixture fixture = fixture();
    fixture.asset(id, path, "user-data", "high", "uncovered");
    new CoverageFixture(db(), json)
        .coverage(
            id,
            new CoverageDocument(
                hostile,
                "NOT_RESTORABLE",
                10,
                Instant.now(),
                java.util.List.of("<b>reason</b>"),
                java.util.List.of(
                    new CoverageDocument.AssetEntry(
                        path,
                        "user-data",
                        "high",
                        "uncovered",
                        "<i>provenance</i>",
                        null,
                        java.util.List.of(),
                        java.util.List.of(),
                        java.util.List.of())),
                null,
                "<u>drift</u>",
                java.util.List.of(),
                java.util.List.of()),
            Instant.now(),
            Instant.now());
    fixture.policy("dash-hostile", "low", "<marquee>", "{\"selector\": {}, \"requirements\": []}");
    fixture.finding(
        id, "dash-hostile", path, "low", 3, "fail", null, "<script>alert('m')</script>");
    String session = signIn();

    String encoded = "%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%22%27%26";
    String server =
        browser(session)
            .get("/dashboard/servers/{hostname}", hostile)
            .then()
            .log()
            .ifValidationFails()
            .statusCode(200)
            .extract()
            .asString();
    String overview =
        browser(session).queryParam("host", "<img").get("/dashboard/servers").asString();
    String findings =
        browser(session).queryParam("policy", "dash-hostile").get("/dashboard/findings").asString();
    String policies = browser(session).get("/dashboard/policies").asString();
    for (String page : new String[] {server, overview, findings, policies}) {
      assertThat(page)
          .doesNotContain("<img src=x")
          .doesNotContain("<script>alert")
          .doesNotContain("<marquee>");
      assertThat(page)
          .doesNotContain("<b>reason")
          .doesNotContain("<i>provenance")
          .doesNotContain("<u>drift");
    }
    assertThat(server).contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;");
    assertThat(server).contains("/srv/&lt;script&gt;alert(&quot;p&quot;)&lt;/script&gt;/");
    assertThat(server).contains("&lt;b&gt;reason&lt;/b&gt;").contains("&lt;u&gt;drift&lt;/u&gt;");
    // links carry the hostname percent-encoded, then HTML-escaped
    assertThat(overview)
        .contains("href=\"/dashboard/servers/" + encoded.replace("&", "&amp;") + "\"");
    assertThat(findings).contains("&lt;script&gt;alert(&#39;m&#39;)&lt;/script&gt;");
    assertThat(policies).contains("&lt;marquee&gt;");
  }

  @Test
  void aHostnameWithSlashesAndQuestionMarksStillHasItsPage() {
    String hostname = "dash/slash?x#y z";
    db().server(hostname).insert();
    String session = signIn();
    String encoded = "dash%2Fslash%3Fx%23y%20z";
    String list =
        browser(session).queryParam("host", "dash/slash").get("/dashboard/servers").asString();
    assertThat(list).contains("href=\"/dashboard/servers/" + encoded + "\"");
    String page =
        browser(session)
            .urlEncodingEnabled(false)
            .get("/dashboard/servers/" + encoded)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(page).contains("<h1 id=\"hostname\">dash/slash?x#y z</h1>");
  }

  @Test
  void pagesForbidInlineScriptsFramingAndCaching() {
    String session = signIn();
    Response page = browser(session).get("/dashboard");
    assertThat(page.header("Content-Security-Policy"))
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    // the stylesheet and the script are served as they are, without a session
    assertThat(
            given()
                .get("/dashboard/static/dashboard.css")
                .then()
                .statusCode(200)
                .extract()
                .asString())
        .contains(".st-uncovered");
    assertThat(
            given()
                .get("/dashboard/static/dashboard.js")
                .then()
                .statusCode(200)
                .extract()
                .asString())
        .contains("only-gaps");
    // and the API is unchanged: a session cookie is no bearer token
    given().cookie(DashboardFixture.COOKIE, session).get("/api/v1/servers").then().statusCode(401);
  }

  // ---------------------------------------------------------------------------------------------

  /** The number on the readiness card of this class. */
  private static long card(String page, String cssClass) {
    Matcher m =
        Pattern.compile("class=\"card " + cssClass + "\">\\s*<span class=\"count\">(\\d+)<")
            .matcher(page);
    assertThat(m.find()).as("card " + cssClass).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static String section(String page, String id) {
    return between(page, "<section id=\"" + id + "\"", "</section>");
  }

  private static String between(String page, String start, String end) {
    int from = page.indexOf(start);
    assertThat(from).as("page has " + start).isNotNegative();
    int to = page.indexOf(end, from);
    return page.substring(from, to < 0 ? page.length() : to);
  }

  /** The table row of the heat map for this hostname. */
  private static String row(String page, String hostname) {
    int at = page.indexOf(">" + hostname + "</a>");
    assertThat(at).as("row of " + hostname).isNotNegative();
    return page.substring(page.lastIndexOf("<tr>", at), page.indexOf("</tr>", at));
  }

  /** The table row holding this text. */
  private static String rowOf(String page, String text) {
    int at = page.indexOf(text);
    assertThat(at).as("row with " + text).isNotNegative();
    return page.substring(page.lastIndexOf("<tr", at), page.indexOf("</tr>", at));
  }

  private static java.util.List<String> cells(String row) {
    java.util.List<String> cells = new java.util.ArrayList<>();
    Matcher m = Pattern.compile("<td class=\"cell [^>]*>").matcher(row);
    while (m.find()) {
      cells.add(m.group());
    }
    assertThat(cells).hasSize(7);
    return cells;
  }

  /** The id of an asset's gap section, read from the tree line that links to it. */
  private static String anchorOf(String page, String path) {
    Matcher m =
        Pattern.compile(
                "data-path=\""
                    + Pattern.quote(path)
                    + "\">\\s*<span class=\"dot\"></span>\\s*<a href=\"#([^\"]+)\"")
            .matcher(page);
    assertThat(m.find()).as("tree line of " + path).isTrue();
    return m.group(1);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
