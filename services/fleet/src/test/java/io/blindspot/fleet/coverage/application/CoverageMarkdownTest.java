package io.blindspot.fleet.coverage.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.coverage.AssetCoverage;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.core.coverage.Remediation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageMarkdownTest {

  private static CoverageDocument.AssetEntry asset(
      String path, String status, List<AssetCoverage.JobVerdict> jobs, List<Remediation> fixes) {
    return new CoverageDocument.AssetEntry(
        path, "service-data", "critical", status, "MySQL data", null, jobs, List.of(), fixes);
  }

  @Test
  void rulesWithPipesAndBackticksStayInTheirCells() {
    RuleRef rule = new RuleRef("/etc/rsnapshot.conf", 12, "exclude\t/var/lib/my|sql`x`");
    CoverageDocument report =
        new CoverageDocument(
            "db-01",
            "NOT_RESTORABLE",
            31,
            Instant.parse("2026-11-25T10:00:00Z"),
            List.of("service data /var/lib/mysql/ is in no backup"),
            List.of(
                asset(
                    "/var/lib/mysql/",
                    "uncovered",
                    List.of(
                        new AssetCoverage.JobVerdict(
                            "daily",
                            "rsnapshot",
                            false,
                            "excluded-by-rule",
                            rule,
                            null,
                            null,
                            null,
                            null)),
                    List.of(
                        new Remediation(
                            "daily",
                            "remove the exclude",
                            List.of(
                                new Remediation.Change(
                                    "/etc/rsnapshot.conf",
                                    "remove-line",
                                    12,
                                    "exclude\t/var/lib/mysql")),
                            true))),
                asset("/etc/", "covered", List.of(), List.of())),
            null,
            "no package list was uploaded yet",
            List.of(),
            List.of(new CoverageDocument.JobError("offsite", "borg", "unknown option --x")));

    String md = CoverageMarkdown.render(report);

    assertThat(md).startsWith("# Coverage of db-01: NOT_RESTORABLE (score 31/100)\n");
    String row =
        md.lines().filter(l -> l.startsWith("| `/var/lib/mysql/`")).findFirst().orElseThrow();
    // the pipe inside the rule is escaped, so the row keeps its six cells
    assertThat(row.split("(?<!\\\\)\\|", -1)).hasSize(8);
    assertThat(row).contains("daily: excluded-by-rule").contains("`/etc/rsnapshot.conf:12`");
    assertThat(row).contains("`` exclude\t/var/lib/my\\|sql`x` ``");
    assertThat(md).contains("1 asset is covered (2 shown).");
    assertThat(md).contains("- **daily**: remove the exclude (checked with the rule engine)");
    assertThat(md).contains("remove-line in `/etc/rsnapshot.conf` at line 12");
    assertThat(md).contains("no package list was uploaded yet.");
    assertThat(md).contains("- **offsite** (borg): unknown option --x");
    assertThat(md).doesNotContain("| `/etc/`");
  }

  @Test
  void codeFencesOutgrowTheBackticksInside() {
    assertThat(CoverageMarkdown.code("a`b")).isEqualTo("``a`b``");
    assertThat(CoverageMarkdown.code("`x")).isEqualTo("`` `x ``");
    assertThat(CoverageMarkdown.code("line\nbreak")).isEqualTo("`line break`");
  }
}
