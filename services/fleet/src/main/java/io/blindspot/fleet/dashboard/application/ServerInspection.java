package io.blindspot.fleet.dashboard.application;

import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.coverage.AssetCoverage;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.core.coverage.CoverageDocument.AssetEntry;
import io.blindspot.core.coverage.Remediation;
import io.blindspot.core.packages.PortageWorldCheck;
import io.blindspot.fleet.FleetConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The server page: its assets as a tree, each gap with the job, rule and fix behind it. */
@ApplicationScoped
public class ServerInspection {

  private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");

  private final DashboardStore store;
  private final FleetConfig config;

  public ServerInspection(DashboardStore store, FleetConfig config) {
    this.store = store;
    this.config = config;
  }

  /** Empty when no server has this hostname. */
  @Transactional
  public Optional<ServerPage> server(String hostname) {
    return store.server(hostname).map(this::page);
  }

  private ServerPage page(DashboardStore.ServerRecord server) {
    Instant cutoff = Instant.now().minus(config.dashboard().staleAfter());
    List<ServerPage.Job> jobs =
        store.jobs(server.id()).stream()
            .map(
                j ->
                    new ServerPage.Job(
                        j.name(),
                        j.tool(),
                        j.schedule(),
                        j.lastStatus(),
                        j.lastSuccess(),
                        j.lastFinished(),
                        j.lastSnapshot(),
                        j.lastSuccess() == null || j.lastSuccess().isBefore(cutoff)))
            .toList();
    return new ServerPage(
        server.facts(),
        store.coverage(server.id()).map(ServerInspection::coverage).orElse(null),
        jobs,
        store.policyResults(server.id()),
        store.findings(FindingFilter.ofServer(server.id()), 0, 1000));
  }

  static ServerPage.Coverage coverage(CoverageDocument document) {
    List<AssetEntry> assets = document.assets() == null ? List.of() : document.assets();
    List<ServerPage.AssetDetail> gaps =
        assets.stream()
            .filter(a -> !Statuses.kept(a.status()))
            .sorted(
                Comparator.comparingInt((AssetEntry a) -> Statuses.rank(a.status()))
                    .thenComparingInt(a -> severityRank(a.severity()))
                    .thenComparing(AssetEntry::path))
            .map(ServerInspection::detail)
            .toList();
    String drift = document.drift() != null ? document.drift().summary() : document.driftNote();
    List<String> worldCheck =
        document.worldCheck() == null
            ? List.of()
            : document.worldCheck().stream()
                .filter(PortageWorldCheck.AtomCheck::matchesNothing)
                .map(PortageWorldCheck.AtomCheck::atom)
                .toList();
    List<String> jobErrors =
        document.jobErrors() == null
            ? List.of()
            : document.jobErrors().stream()
                .map(e -> e.job() + " (" + e.tool() + "): " + e.error())
                .toList();
    return new ServerPage.Coverage(
        document.reasons() == null ? List.of() : document.reasons(),
        AssetTree.rows(assets),
        gaps,
        assets.size() - gaps.size(),
        drift,
        worldCheck,
        jobErrors);
  }

  private static ServerPage.AssetDetail detail(AssetEntry asset) {
    return new ServerPage.AssetDetail(
        Statuses.anchor(asset.path()),
        asset.path(),
        asset.kind(),
        asset.severity(),
        asset.status(),
        asset.provenance(),
        asset.note(),
        asset.jobs() == null
            ? List.of()
            : asset.jobs().stream().map(ServerInspection::verdict).toList(),
        asset.gaps() == null
            ? List.of()
            : asset.gaps().stream().map(ServerInspection::gap).toList(),
        asset.remediation() == null
            ? List.of()
            : asset.remediation().stream().map(ServerInspection::fix).toList());
  }

  private static ServerPage.Verdict verdict(AssetCoverage.JobVerdict v) {
    return new ServerPage.Verdict(
        v.job(),
        v.tool(),
        v.included(),
        v.reason(),
        rule(v.rule()),
        v.ancestor(),
        rule(v.hiddenRule()),
        v.lastSuccess(),
        v.snapshot());
  }

  private static ServerPage.Gap gap(AssetCoverage.Gap g) {
    return new ServerPage.Gap(g.path(), g.job(), g.reason(), rule(g.rule()), g.ancestor());
  }

  private static ServerPage.Fix fix(Remediation r) {
    return new ServerPage.Fix(
        r.job(),
        r.summary(),
        r.verified(),
        r.changes() == null
            ? List.of()
            : r.changes().stream()
                .map(c -> new ServerPage.Change(c.file(), c.action(), c.line(), c.text()))
                .toList());
  }

  /** "file:line: text", as an operator looks it up in an editor. */
  static String rule(RuleRef rule) {
    if (rule == null) {
      return null;
    }
    String where = rule.line() > 0 ? rule.file() + ":" + rule.line() : rule.file();
    return rule.text() == null ? where : where + ": " + rule.text();
  }

  private static int severityRank(String severity) {
    int rank = SEVERITIES.indexOf(severity);
    return rank < 0 ? SEVERITIES.size() : rank;
  }
}
