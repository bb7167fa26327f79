package io.blindspot.fleet.rebuild.application;

import io.blindspot.core.coverage.AssetCoverage;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.core.coverage.CoverageReport;
import io.blindspot.core.coverage.CoverageStatus;
import io.blindspot.core.coverage.Readiness;
import io.blindspot.core.packages.PackageFormatException;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PackageSetJson;
import io.blindspot.core.rebuild.RebuildPlan;
import io.blindspot.core.rebuild.RebuildPlanner;
import io.blindspot.core.world.Asset;
import io.blindspot.core.world.AssetKind;
import io.blindspot.core.world.Inventory;
import io.blindspot.core.world.InventoryJson;
import io.blindspot.core.world.Severity;
import io.blindspot.fleet.problem.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * Builds a server's rebuild plan from Blindspot's own copies of its package list and inventory, so
 * the plan exists even when the backups missed the package database; the current coverage says what
 * to restore from which job and snapshot.
 */
@ApplicationScoped
public class RebuildPlans {

  private final RebuildStore store;
  private final RebuildPlanner planner = new RebuildPlanner();

  public RebuildPlans(RebuildStore store) {
    this.store = store;
  }

  @Transactional
  public RebuildPlan plan(String hostname) {
    UUID serverId =
        store
            .serverId(hostname)
            .orElseThrow(() -> new NotFound("no server with hostname '" + hostname + "'"));
    PackageSet packages =
        store.currentPackageSet(serverId).map(json -> packages(hostname, json)).orElse(null);
    Inventory inventory = store.currentInventory(serverId).map(InventoryJson::read).orElse(null);
    CoverageReport coverage =
        store.currentCoverage(serverId).map(RebuildPlans::report).orElse(null);
    return planner.plan(hostname, packages, inventory, coverage);
  }

  private static PackageSet packages(String hostname, String json) {
    try {
      return PackageSetJson.fromJson(json);
    } catch (PackageFormatException e) {
      throw new IllegalStateException(
          "stored package set of " + hostname + " is not canonical: " + e.getMessage(), e);
    }
  }

  /**
   * The stored document back as the report the planner reads: only the assets' identity, status and
   * per-job verdicts matter to it, and all of them are in the document.
   */
  static CoverageReport report(CoverageDocument document) {
    List<AssetCoverage> assets =
        document.assets() == null
            ? List.of()
            : document.assets().stream()
                .map(
                    a ->
                        new AssetCoverage(
                            new Asset(
                                a.path(),
                                AssetKind.fromId(a.kind()),
                                Severity.fromId(a.severity()),
                                a.provenance(),
                                a.note(),
                                List.of()),
                            CoverageStatus.fromId(a.status()),
                            a.jobs() == null ? List.of() : a.jobs(),
                            a.gaps() == null ? List.of() : a.gaps(),
                            a.remediation() == null ? List.of() : a.remediation()))
                .toList();
    return new CoverageReport(
        Readiness.valueOf(document.readiness()),
        document.reasons() == null ? List.of() : document.reasons(),
        document.score(),
        assets);
  }
}
