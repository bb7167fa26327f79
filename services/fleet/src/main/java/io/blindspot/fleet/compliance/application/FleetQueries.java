package io.blindspot.fleet.compliance.application;

import io.blindspot.core.world.ServiceEntry;
import io.blindspot.core.world.ServiceKnowledge;
import io.blindspot.fleet.FleetConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The fleet-wide questions: summary, a path, a package's data, stale backups, the trend. */
@ApplicationScoped
public class FleetQueries {

  private static final int MAX_CACHED_SUMMARIES = 256;

  private final ComplianceStore store;
  private final ServiceKnowledge builtIn = ServiceKnowledge.builtIn();
  private final Duration summaryMaxAge;
  private final Map<String, CachedSummary> summaries = new ConcurrentHashMap<>();

  public FleetQueries(ComplianceStore store, FleetConfig config) {
    this.store = store;
    this.summaryMaxAge = config.summary().maxAge();
  }

  /** A computed summary and when; its lock makes concurrent requests wait for one computation. */
  private static final class CachedSummary {
    volatile FleetSummary summary;
    volatile long computedAt;
  }

  /** One page of a listing; {@code more} says whether a next page exists. */
  public record Page<T>(List<T> items, boolean more) {
    static <T> Page<T> of(List<T> rows, int limit) {
      boolean more = rows.size() > limit;
      return new Page<>(more ? List.copyOf(rows.subList(0, limit)) : rows, more);
    }
  }

  /**
   * The summary, computed at most once per {@code blindspot.summary.max-age} for each scope and
   * grouping: requests meanwhile get the same one (so an expired waiver may show as waived for up
   * to that long).
   */
  @Transactional
  public FleetSummary summary(FleetScope scope, String groupBy) {
    if (summaryMaxAge.isZero()) {
      return FleetSummary.of(groupBy, store.summary(scope, groupBy));
    }
    String key =
        new java.util.TreeMap<>(scope.labels())
            + "|"
            + new java.util.TreeSet<>(scope.osFamilies())
            + "|"
            + groupBy;
    if (summaries.size() > MAX_CACHED_SUMMARIES) {
      summaries.clear(); // many distinct filters: start over rather than grow
    }
    CachedSummary cached = summaries.computeIfAbsent(key, k -> new CachedSummary());
    long maxAgeNanos = summaryMaxAge.toNanos();
    if (cached.summary != null && System.nanoTime() - cached.computedAt < maxAgeNanos) {
      return cached.summary;
    }
    synchronized (cached) {
      if (cached.summary == null || System.nanoTime() - cached.computedAt >= maxAgeNanos) {
        cached.summary = FleetSummary.of(groupBy, store.summary(scope, groupBy));
        cached.computedAt = System.nanoTime();
      }
      return cached.summary;
    }
  }

  /** Every path of which {@code path} is or is inside: itself, as a directory, each ancestor. */
  public static List<String> candidates(String path) {
    Set<String> candidates = new LinkedHashSet<>();
    String plain =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    candidates.add(plain);
    candidates.add(plain.endsWith("/") ? plain : plain + "/");
    int slash = plain.lastIndexOf('/');
    while (slash > 0) {
      plain = plain.substring(0, slash);
      candidates.add(plain + "/");
      slash = plain.lastIndexOf('/');
    }
    candidates.add("/");
    return new ArrayList<>(candidates);
  }

  @Transactional
  public Page<PathCoverage> paths(FleetScope scope, String path, String afterHostname, int limit) {
    List<PathCoverage> rows = new ArrayList<>();
    store.paths(scope, candidates(path), afterHostname, limit + 1, rows::add);
    return Page.of(rows, limit);
  }

  @Transactional
  public void exportPaths(FleetScope scope, String path, Consumer<PathCoverage> sink) {
    store.paths(scope, candidates(path), null, 0, sink);
  }

  /**
   * The knowledge-base entries (by name) whose service a package brings: the world derivation
   * writes "NAME data: package P is installed" (or "service S runs") as a service-data asset's
   * provenance, so an asset belongs to the package when its entry lists the package.
   */
  private List<String> services(String category, String name) {
    String qualified = category == null ? name : category + "/" + name;
    Set<String> services = new LinkedHashSet<>();
    for (ServiceEntry entry : builtIn.entries()) {
      if (entry.packages().values().stream().anyMatch(names -> names.contains(qualified))) {
        services.add(entry.name());
      }
    }
    services.addAll(store.operatorServicesWithPackage(qualified));
    return new ArrayList<>(services);
  }

  @Transactional
  public Page<PackageData> packageData(
      FleetScope scope,
      String category,
      String name,
      Set<String> statuses,
      String afterHostname,
      String afterPath,
      int limit) {
    List<PackageData> rows = new ArrayList<>();
    store.packageData(
        scope,
        category,
        name,
        services(category, name),
        statuses,
        afterHostname,
        afterPath,
        limit + 1,
        rows::add);
    return Page.of(rows, limit);
  }

  @Transactional
  public void exportPackageData(
      FleetScope scope,
      String category,
      String name,
      Set<String> statuses,
      Consumer<PackageData> sink) {
    store.packageData(
        scope, category, name, services(category, name), statuses, null, null, 0, sink);
  }

  @Transactional
  public Page<StaleJob> staleJobs(
      FleetScope scope, Duration staleFor, String afterHostname, String afterJob, int limit) {
    List<StaleJob> rows = new ArrayList<>();
    store.staleJobs(
        scope, Instant.now().minus(staleFor), afterHostname, afterJob, limit + 1, rows::add);
    return Page.of(rows, limit);
  }

  @Transactional
  public void exportStaleJobs(FleetScope scope, Duration staleFor, Consumer<StaleJob> sink) {
    store.staleJobs(scope, Instant.now().minus(staleFor), null, null, 0, sink);
  }

  @Transactional
  public List<TrendCount> trend(
      FleetScope scope, Set<String> policies, LocalDate from, LocalDate to, String groupBy) {
    return store.trend(scope, policies, from, to, groupBy);
  }
}
