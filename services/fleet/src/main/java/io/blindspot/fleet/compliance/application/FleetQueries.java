package io.blindspot.fleet.compliance.application;

import io.blindspot.core.world.ServiceEntry;
import io.blindspot.core.world.ServiceKnowledge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The fleet-wide questions: summary, a path, a package's data, stale backups, the trend. */
@ApplicationScoped
public class FleetQueries {

  private final ComplianceStore store;
  private final ServiceKnowledge builtIn = ServiceKnowledge.builtIn();

  public FleetQueries(ComplianceStore store) {
    this.store = store;
  }

  /** One page of a listing; {@code more} says whether a next page exists. */
  public record Page<T>(List<T> items, boolean more) {
    static <T> Page<T> of(List<T> rows, int limit) {
      boolean more = rows.size() > limit;
      return new Page<>(more ? List.copyOf(rows.subList(0, limit)) : rows, more);
    }
  }

  /**
   * The summary as of now: read from the counts the database keeps current with every change
   * (V5_7), so it costs a few rows per cohort of servers, not a pass over the fleet.
   */
  @Transactional
  public FleetSummary summary(FleetScope scope, String groupBy) {
    return FleetSummary.of(groupBy, store.summary(scope, groupBy));
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
