package io.blindspot.fleet.compliance.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The fleet-wide reads and the daily history; implemented by the persistence package. A listing
 * method with a positive {@code limit} answers one keyset page; with {@code limit} 0 it hands every
 * row to the sink from a cursor.
 */
public interface ComplianceStore {

  /** The summary's counts, grouped by the value of label {@code groupBy} when not null. */
  List<SummaryCount> summary(FleetScope scope, String groupBy);

  /**
   * For each server in scope having an asset at one of {@code candidates} (a path and its
   * ancestors), the longest such asset, by hostname after {@code afterHostname}.
   */
  void paths(
      FleetScope scope,
      List<String> candidates,
      String afterHostname,
      int limit,
      Consumer<PathCoverage> sink);

  /**
   * Service-data assets of these knowledge-base entries ({@code services}, by name, as their
   * provenance starts) on servers with package {@code name} (of {@code category} if not null), by
   * hostname then path.
   */
  void packageData(
      FleetScope scope,
      String category,
      String name,
      List<String> services,
      Set<String> statuses,
      String afterHostname,
      String afterPath,
      int limit,
      Consumer<PackageData> sink);

  /** The service entries' names whose package lists name {@code name}, from operator entries. */
  List<String> operatorServicesWithPackage(String name);

  /** Jobs whose newest success is before {@code successBefore} or missing, by hostname, job. */
  void staleJobs(
      FleetScope scope,
      Instant successBefore,
      String afterHostname,
      String afterJob,
      int limit,
      Consumer<StaleJob> sink);

  /**
   * Per day (and group) counts of the daily history's statuses for these policies (all if empty).
   */
  List<TrendCount> trend(
      FleetScope scope, Set<String> policies, LocalDate from, LocalDate to, String groupBy);

  /** Writes every current result's effective status as {@code day}'s history; returns rows. */
  int snapshot(LocalDate day);

  /** Recounts the trend's totals of the days from {@code from} to {@code to} from the history. */
  void recount(LocalDate from, LocalDate to);

  /** Deletes the history (and its totals) of days before {@code day}; returns history rows. */
  int deleteBefore(LocalDate day);

  /**
   * Drops the summary's kept counts that fell to zero (a cohort emptied, a waiver's expiry no
   * longer held by any row), so that they do not accumulate.
   */
  void dropEmptyCounts();
}
