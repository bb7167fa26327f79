package io.blindspot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.e2e.BlindspotStack.Running;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium), on the running stack filled with a
 * generated fleet (tools/fleet-generator, whose servers the coverage service evaluates as it would
 * any upload): sign in through the form, overview → the least restorable server → one of its gaps
 * (status colours, the rule, the fix) → the findings list → a finding's server, then sign out.
 * Screenshots of every step land in target/screenshots.
 */
@ExtendWith(BlindspotStack.class)
class DashboardBrowserTest {

  private static final String PREFIX = "e2e-dash";
  private static final int SERVERS = 40;

  /** #d64545, the colour of "uncovered" in dashboard.css. */
  private static final String RED = "rgba(214, 69, 69, 1)";

  private final Running stack;

  DashboardBrowserTest(Running stack) {
    this.stack = stack;
  }

  @Test
  void anOperatorSignsInAndFollowsABlindSpotFromTheOverviewToItsFix() throws Exception {
    generateFleet();
    awaitEvaluated();
    ensureFindings();
    Path screenshots =
        Path.of(System.getProperty("blindspot.e2e.screenshots", "target/screenshots"));
    try (Browser browser = new Browser(screenshots)) {
      WebDriver driver = browser.driver();
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
      String base = stack.fleet().toString();

      // Not signed in: the dashboard sends the browser to the form, which refuses a wrong token.
      driver.get(base + "/dashboard");
      wait.until(ExpectedConditions.urlContains("/dashboard/login"));
      driver.findElement(By.id("token")).sendKeys("not-a-token");
      driver.findElement(By.id("sign-in")).click();
      assertThat(
              wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")))
                  .getText())
          .contains("not valid");
      browser.screenshot("login-refused");

      signIn(driver, wait, stack.adminToken());
      assertThat(driver.getCurrentUrl()).doesNotContain(stack.adminToken());
      assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Fleet overview");
      assertThat(driver.findElement(By.id("signed-in-as")).getText()).isEqualTo("admin (ADMIN)");
      long servers = count("SELECT count(*) FROM servers");
      assertThat(driver.findElement(By.cssSelector(".card.total .count")).getText())
          .isEqualTo(Long.toString(servers));
      // the heat map: one row per server, worst first, red where a kind's worst asset is uncovered
      List<WebElement> rows = driver.findElements(By.cssSelector("table.heatmap tbody tr"));
      assertThat(rows).hasSize((int) Math.min(25, servers));
      WebElement redCell = driver.findElement(By.cssSelector("td.cell.st-uncovered"));
      assertThat(redCell.getCssValue("background-color")).isEqualTo(RED);
      assertThat(driver.findElement(By.id("more-servers")).getText())
          .isEqualTo("All " + servers + " servers →");
      assertThat(driver.findElements(By.cssSelector("#blind-spots tbody tr"))).isNotEmpty();
      assertThat(driver.findElement(By.cssSelector("#stale-backups .hint")).getText())
          .contains("older than PT26H");
      browser.screenshot("overview");

      // The least restorable servers, in order, until one has a gap with a rule and a fix.
      List<String> hrefs =
          rows.stream()
              .map(r -> r.findElement(By.cssSelector("a.server-link")).getAttribute("href"))
              .toList();
      WebElement gap = null;
      for (String href : hrefs) {
        driver.get(href);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hostname")));
        gap =
            driver.findElements(By.cssSelector("article.gap")).stream()
                .filter(g -> !g.findElements(By.cssSelector("code.rule")).isEmpty())
                .filter(g -> !g.findElements(By.cssSelector(".fix-summary")).isEmpty())
                .findFirst()
                .orElse(null);
        if (gap != null) {
          break;
        }
      }
      assertThat(gap).as("a gap with its rule and its fix on one of the worst servers").isNotNull();
      String hostname = driver.findElement(By.id("hostname")).getText();
      assertThat(driver.findElement(By.id("readiness")).getAttribute("class"))
          .matches("badge rd-(not-restorable|at-risk)");
      browser.screenshot("server");

      // Click the gap in the asset tree: the page jumps to its section, with the rule and the fix.
      String anchor = gap.getAttribute("id");
      WebElement treeLink =
          driver.findElement(By.cssSelector("#asset-tree a[href='#" + anchor + "']"));
      WebElement treeRow = treeLink.findElement(By.xpath("./.."));
      assertThat(treeRow.getAttribute("class")).doesNotContain("kept");
      treeLink.click();
      wait.until(ExpectedConditions.urlContains("#" + anchor));
      WebElement target = driver.findElement(By.id(anchor));
      assertThat(target.isDisplayed()).isTrue();
      assertThat(target.getCssValue("outline-style")).isEqualTo("solid"); // :target is highlighted
      String rule = target.findElement(By.cssSelector("code.rule")).getText();
      assertThat(rule).as("file:line: rule").contains(": ");
      assertThat(target.findElement(By.cssSelector(".fix-summary")).getText()).isNotBlank();
      assertThat(target.findElement(By.cssSelector(".fix h4")).getText()).startsWith("Fix in ");
      String path = target.findElement(By.cssSelector("h3 code")).getText();
      browser.screenshot("gap");

      // The tree's colours, and the script that hides what is covered.
      List<WebElement> uncovered =
          driver.findElements(By.cssSelector("#asset-tree li.tree-row.st-uncovered .dot"));
      if (!uncovered.isEmpty()) {
        assertThat(uncovered.get(0).getCssValue("background-color")).isEqualTo(RED);
      }
      List<WebElement> kept = driver.findElements(By.cssSelector("#asset-tree li.kept"));
      assertThat(kept).allMatch(WebElement::isDisplayed);
      driver.findElement(By.id("only-gaps")).click();
      assertThat(driver.findElement(By.id("asset-tree")).getAttribute("class"))
          .contains("only-gaps");
      assertThat(kept).noneMatch(WebElement::isDisplayed);
      assertThat(treeRow.isDisplayed()).isTrue();

      // The findings list, filtered (the select submits itself), leads back to a server.
      driver.findElement(By.linkText("Findings")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("finding-filters")));
      WebElement unfiltered = driver.findElement(By.id("finding-filters"));
      new Select(driver.findElement(By.name("severity"))).selectByValue("critical");
      wait.until(ExpectedConditions.stalenessOf(unfiltered));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("finding-filters")));
      assertThat(driver.getCurrentUrl()).contains("severity=critical");
      List<WebElement> findings = driver.findElements(By.cssSelector("table.findings tbody tr"));
      assertThat(findings).isNotEmpty();
      assertThat(findings)
          .allSatisfy(
              f ->
                  assertThat(f.findElement(By.cssSelector("td.sev")).getText())
                      .isEqualTo("critical"));
      browser.screenshot("findings");
      WebElement first = findings.get(0).findElement(By.cssSelector("a.finding-server"));
      String findingHost = first.getText();
      String findingHref = first.getAttribute("href");
      first.click();
      wait.until(ExpectedConditions.textToBe(By.id("hostname"), findingHost));
      if (findingHref.contains("#")) {
        WebElement section =
            driver.findElement(By.id(findingHref.substring(findingHref.indexOf('#') + 1)));
        assertThat(section.isDisplayed()).isTrue();
        assertThat(section.getAttribute("class")).startsWith("gap st-");
      }
      assertThat(driver.findElements(By.cssSelector("#findings tr.finding"))).isNotEmpty();
      browser.screenshot("finding-server");

      // Policies and waivers, read-only.
      driver.findElement(By.linkText("Policies")).click();
      wait.until(ExpectedConditions.titleContains("Policies"));
      assertThat(driver.findElements(By.cssSelector("table.policies tr.policy"))).isNotEmpty();
      browser.screenshot("policies");
      driver.findElement(By.linkText("Waivers")).click();
      wait.until(ExpectedConditions.titleContains("Waivers"));

      // Signing out ends the session: the next page asks for a token again.
      driver.findElement(By.cssSelector("form.signout button")).click();
      wait.until(ExpectedConditions.urlContains("/dashboard/login"));
      driver.get(base + "/dashboard/servers/" + hostname);
      wait.until(ExpectedConditions.urlContains("/dashboard/login?next="));
      assertThat(path).isNotBlank();

      // A read-only operator token signs in as well, and comes back to the page it asked for.
      String viewer =
          new Fleet(stack)
              .api()
              .contentType("application/json")
              .body("{\"name\": \"e2e-dashboard-viewer\", \"role\": \"viewer\"}")
              .post("/api/v1/tokens")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath()
              .getString("token");
      signIn(driver, wait, viewer);
      assertThat(driver.findElement(By.id("signed-in-as")).getText())
          .isEqualTo("e2e-dashboard-viewer (VIEWER)");
      assertThat(driver.findElement(By.id("hostname")).getText()).isEqualTo(hostname);
      assertThat(driver.getCurrentUrl()).doesNotContain(viewer);
      browser.screenshot("viewer");
    }
  }

  private static void signIn(WebDriver driver, WebDriverWait wait, String token) {
    WebElement field = driver.findElement(By.id("token"));
    field.clear();
    field.sendKeys(token);
    driver.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
  }

  /** ./blindspot generate-fleet, against the stack's database. */
  private void generateFleet() throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "io.blindspot.tools.FleetGenerator",
            "--servers",
            Integer.toString(SERVERS),
            "--seed",
            "5",
            "--prefix",
            PREFIX);
    Map<String, String> db = stack.database();
    builder.environment().put("BLINDSPOT_DB_URL", db.get("quarkus.datasource.jdbc.url"));
    builder.environment().put("BLINDSPOT_DB_USER", db.get("quarkus.datasource.username"));
    builder.environment().put("BLINDSPOT_DB_PASSWORD", db.get("quarkus.datasource.password"));
    builder.redirectErrorStream(true);
    Path log = stack.logs().resolve("fleet-generator.log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the fleet generator did not finish within 180 s; see " + log);
    }
    assertThat(process.exitValue()).as("fleet generator exit code; see " + log).isZero();
  }

  /** The coverage service works through its queue; then policy evaluation, where there is one. */
  private void awaitEvaluated() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
    String evaluated =
        "SELECT count(*) FROM server_coverage c JOIN servers s ON s.server_id = c.server_id"
            + " WHERE s.hostname LIKE '"
            + PREFIX
            + "-%'";
    while (count(evaluated) < SERVERS || count("SELECT count(*) FROM policy_queue") > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            count(evaluated) + " of " + SERVERS + " generated servers evaluated within 240 s");
      }
      Thread.sleep(500);
    }
  }

  /**
   * The findings of the generated fleet. Where the service evaluates policies they are there
   * already; otherwise the failures of one policy are written as the evaluation would: one per
   * critical asset not kept.
   */
  private void ensureFindings() {
    String generated =
        "SELECT count(*) FROM findings f JOIN servers s ON s.server_id = f.server_id"
            + " WHERE s.hostname LIKE '"
            + PREFIX
            + "-%' AND f.severity = 'critical'";
    if (count(generated) > 0) {
      return;
    }
    update(
        """
        INSERT INTO policies (name, description, severity, document)
        VALUES ('e2e-no-critical-uncovered', 'No critical asset is left out of the backups',
                'critical', '{"selector": {}, "requirements": [{"id": "no-uncovered",
                "type": "no-uncovered", "severity": "critical"}]}'::jsonb)
        ON CONFLICT (name) DO NOTHING
        """);
    update(
        """
        INSERT INTO findings (server_id, policy_name, requirement, path, severity, severity_rank,
                              status, asset_kind, asset_status, message, first_seen)
        SELECT a.server_id, 'e2e-no-critical-uncovered', 'no-uncovered', a.path, 'critical', 0,
               'fail', a.kind, a.status, a.kind || ' ' || a.path || ' is ' || a.status, now()
          FROM asset_coverage a JOIN servers s ON s.server_id = a.server_id
         WHERE s.hostname LIKE '%s-%%' AND a.severity = 'critical'
           AND a.status NOT IN ('covered', 'verified')
        ON CONFLICT DO NOTHING
        """
            .formatted(PREFIX));
    assertThat(count(generated)).as("critical findings in the generated fleet").isPositive();
  }

  private long count(String sql) {
    try (Connection c = connect();
        PreparedStatement statement = c.prepareStatement(sql);
        ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private void update(String sql) {
    try (Connection c = connect();
        PreparedStatement statement = c.prepareStatement(sql)) {
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private Connection connect() throws SQLException {
    Map<String, String> db = stack.database();
    return DriverManager.getConnection(
        db.get("quarkus.datasource.jdbc.url"),
        db.get("quarkus.datasource.username"),
        db.get("quarkus.datasource.password"));
  }
}
