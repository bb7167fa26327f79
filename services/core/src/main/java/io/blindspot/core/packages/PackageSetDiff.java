package io.blindspot.core.packages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two snapshots of one server's packages, by {@link InstalledPackage#key()}:
 * packages that appeared, disappeared, or whose {@link InstalledPackage#fullVersion()} changed.
 * Plain records of strings, so that Jackson writes and reads it as-is for the history.
 *
 * <p>A key may be installed in several versions at once (rpm install-only packages such as {@code
 * kernel-core}). Versions present on both sides are unchanged; the remaining old and new versions
 * of one key are paired in the given version order, oldest with oldest, and any left over are
 * reported as removed or added under that key.
 *
 * @param added in {@code to} but not in {@code from}, in {@code to}'s order
 * @param removed in {@code from} but not in {@code to}, in {@code from}'s order
 * @param changed same key, other version, in {@code from}'s order
 */
public record PackageSetDiff(
    List<PackageVersion> added, List<PackageVersion> removed, List<VersionChange> changed) {

  public PackageSetDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }

  /** A package identity and its full version. */
  public record PackageVersion(String key, String version) {
    public PackageVersion {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(version, "version");
    }
  }

  /** One key's version moving from {@code from} to {@code to}. */
  public record VersionChange(String key, String from, String to) {
    public VersionChange {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }
  }

  /**
   * Compares two snapshots. {@code versionOrder} orders full version strings (for the manager at
   * hand, {@code io.blindspot.core.versions.Versions.comparatorFor(manager)}); it only matters when
   * one key has several versions. Snapshots of different managers (a reinstalled server) simply
   * share no keys in practice.
   */
  public static PackageSetDiff between(
      PackageSet from, PackageSet to, Comparator<String> versionOrder) {
    Map<String, List<String>> before = versionsByKey(from);
    Map<String, List<String>> after = versionsByKey(to);
    List<PackageVersion> removed = new ArrayList<>();
    List<VersionChange> changed = new ArrayList<>();
    Map<String, List<String>> extraVersions = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> entry : before.entrySet()) {
      String key = entry.getKey();
      List<String> old = new ArrayList<>(entry.getValue());
      List<String> now = new ArrayList<>(after.getOrDefault(key, List.of()));
      // Versions on both sides did not change; drop them pairwise (a multiset difference).
      for (int i = old.size() - 1; i >= 0; i--) {
        if (now.remove(old.get(i))) {
          old.remove(i);
        }
      }
      old.sort(versionOrder);
      now.sort(versionOrder);
      int paired = Math.min(old.size(), now.size());
      for (int i = 0; i < paired; i++) {
        changed.add(new VersionChange(key, old.get(i), now.get(i)));
      }
      for (int i = paired; i < old.size(); i++) {
        removed.add(new PackageVersion(key, old.get(i)));
      }
      extraVersions.put(key, now.subList(paired, now.size()));
    }
    List<PackageVersion> added = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : after.entrySet()) {
      List<String> versions = extraVersions.getOrDefault(entry.getKey(), entry.getValue());
      for (String version : versions) {
        added.add(new PackageVersion(entry.getKey(), version));
      }
    }
    return new PackageSetDiff(added, removed, changed);
  }

  /** Whether the two snapshots hold the same packages in the same versions. */
  public boolean noChanges() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  private static Map<String, List<String>> versionsByKey(PackageSet set) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (InstalledPackage p : set.packages()) {
      byKey.computeIfAbsent(p.key(), k -> new ArrayList<>(1)).add(p.fullVersion());
    }
    return byKey;
  }
}
