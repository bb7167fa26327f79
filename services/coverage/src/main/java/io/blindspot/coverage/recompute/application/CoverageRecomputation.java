package io.blindspot.coverage.recompute.application;

import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.coverage.AssetCoverage;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.core.coverage.CoverageEvaluator;
import io.blindspot.core.coverage.CoverageReport;
import io.blindspot.core.coverage.Drift;
import io.blindspot.core.coverage.JobUnderTest;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PackageSetDiff;
import io.blindspot.core.packages.PortageWorldCheck;
import io.blindspot.core.versions.Versions;
import io.blindspot.core.world.AssetKind;
import io.blindspot.core.world.ServiceKnowledge;
import io.blindspot.core.world.World;
import io.blindspot.core.world.WorldDeriver;
import io.blindspot.coverage.CoverageConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Recomputes a server's coverage: derive its world, compile each job with its tool's engine,
 * evaluate, store. One server per transaction, taken from the work queue.
 */
@ApplicationScoped
public class CoverageRecomputation {

  private static final Logger LOG = Logger.getLogger(CoverageRecomputation.class);

  private final CoverageInputs inputs;
  private final CoverageResults results;
  private final WorkQueue queue;
  private final CoverageConfig config;
  private final Clock clock;
  private final Timer timer;
  private final ServiceKnowledge builtIn = ServiceKnowledge.builtIn();

  CoverageRecomputation(
      CoverageInputs inputs,
      CoverageResults results,
      WorkQueue queue,
      CoverageConfig config,
      MeterRegistry meters) {
    this.inputs = inputs;
    this.results = results;
    this.queue = queue;
    this.config = config;
    this.clock = Clock.systemUTC();
    this.timer =
        Timer.builder("blindspot_coverage_recompute")
            .description("Time to derive and evaluate one server's coverage")
            .register(meters);
  }

  /**
   * Takes one due server from the queue and recomputes it in a transaction of its own; a failure
   * rolls that back and reschedules the server with a growing delay, in another transaction.
   *
   * @return the server taken, or empty when the queue had nothing due
   */
  public Optional<UUID> recomputeNext() {
    UUID[] claimed = new UUID[1];
    try {
      return QuarkusTransaction.requiringNew()
          .call(
              () -> {
                Optional<UUID> next = queue.claim();
                next.ifPresent(
                    serverId -> {
                      claimed[0] = serverId;
                      timer.record(() -> recompute(serverId));
                      queue.complete(serverId);
                    });
                return next;
              });
    } catch (RuntimeException e) {
      if (claimed[0] == null) {
        throw e;
      }
      LOG.warnf(e, "coverage of server %s failed; it will be retried", claimed[0]);
      String error = String.valueOf(e.getMessage());
      QuarkusTransaction.requiringNew()
          .run(() -> queue.retryLater(claimed[0], config.recompute().retryDelay(), error));
      return Optional.of(claimed[0]);
    }
  }

  /** Recomputes one server now, inside the caller's transaction. */
  @Transactional
  public Optional<CoverageDocument> recompute(UUID serverId) {
    Optional<ServerInputs> loaded = inputs.load(serverId);
    if (loaded.isEmpty()) {
      return Optional.empty();
    }
    ServerInputs in = loaded.get();
    Instant now = clock.instant();
    WorldDeriver deriver = new WorldDeriver(builtIn.with(in.extraKnowledge()));
    World world = deriver.derive(in.inventory(), in.packages());

    List<JobUnderTest> jobs = new ArrayList<>();
    List<CoverageDocument.JobError> errors = new ArrayList<>();
    for (ServerInputs.StoredJob stored : in.jobs()) {
      BackupRules rules = null;
      String error = stored.descriptorError();
      if (stored.descriptor() != null) {
        try {
          rules = BackupRuleEngines.compile(stored.descriptor());
        } catch (JobConfigException e) {
          error = e.getMessage();
        }
      }
      if (error != null) {
        errors.add(new CoverageDocument.JobError(stored.name(), stored.tool(), error));
      }
      if (stored.descriptor() != null) {
        jobs.add(
            new JobUnderTest(
                stored.descriptor(),
                rules,
                error,
                stored.lastSuccess(),
                stored.lastSnapshot(),
                in.listings().get(stored.name())));
      }
    }

    TreeFacts facts = new TreeFacts(filesystems(in), null, null);
    CoverageReport report =
        new CoverageEvaluator(config.recompute().maxAge()).evaluate(world, jobs, facts, now);
    DriftResult drift = drift(in, report, jobs, now);
    List<PortageWorldCheck.AtomCheck> worldCheck =
        in.packages() != null && in.packages().manager() == PackageManager.PORTAGE
            ? PortageWorldCheck.check(in.packages())
            : List.of();
    CoverageDocument document =
        CoverageDocument.of(
            in.hostname(), report, now, drift.drift(), drift.note(), worldCheck, errors);
    results.store(serverId, document);
    return Optional.of(document);
  }

  private static List<Filesystem> filesystems(ServerInputs in) {
    if (in.inventory() == null) {
      return List.of();
    }
    return in.inventory().mounts().stream()
        .filter(m -> m.mountPoint() != null)
        .map(m -> new Filesystem(m.mountPoint(), m.device()))
        .toList();
  }

  private record DriftResult(Drift drift, String note) {}

  /** Compares the package set at the newest backup of the package database with today's. */
  private DriftResult drift(
      ServerInputs in, CoverageReport report, List<JobUnderTest> jobs, Instant now) {
    if (in.packages() == null) {
      return new DriftResult(null, "no package list was uploaded yet");
    }
    Optional<AssetCoverage> db =
        report.assets().stream().filter(a -> a.asset().kind() == AssetKind.PACKAGE_DB).findFirst();
    if (db.isEmpty()) {
      return new DriftResult(null, null);
    }
    Optional<AssetCoverage.JobVerdict> newest =
        db.get().jobs().stream()
            .filter(j -> j.included() && j.lastSuccess() != null)
            .max(Comparator.comparing(AssetCoverage.JobVerdict::lastSuccess));
    if (newest.isEmpty()) {
      return new DriftResult(
          null, "no successful backup holds the package database: there is no copy to drift");
    }
    Instant at = newest.get().lastSuccess();
    Optional<PackageSet> then = inputs.packagesAt(in.serverId(), at);
    if (then.isEmpty()) {
      return new DriftResult(
          null, "Blindspot has no package list from before " + at + " to compare with");
    }
    PackageSetDiff diff =
        PackageSetDiff.between(
            then.get(), in.packages(), Versions.comparatorFor(in.packages().manager()));
    return new DriftResult(Drift.of(newest.get().job(), at, diff, now), null);
  }
}
