package io.blindspot.fleet.packages.application;

import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.versions.VersionComparator;
import io.blindspot.core.versions.Versions;
import io.blindspot.fleet.problem.InvalidParameter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers "which servers have package X (below version Y)?" across the fleet.
 *
 * <p>Versions are compared in Java with each manager's own ordering from core, not in SQL: no SQL
 * collation orders {@code 1.0~rc1 < 1.0} (dpkg) or {@code 1.0_rc1 < 1.0 < 1.0-r1} (Gentoo). The
 * database narrows by name first, so only that package's installations are compared.
 */
@ApplicationScoped
public class PackageSearch {

  // Rows fetched per round trip while filtering by version; large enough for one round trip in
  // the common case, small enough to keep memory flat for a package on every server.
  static final int CHUNK = 1000;

  private final PackageStore store;

  public PackageSearch(PackageStore store) {
    this.store = store;
  }

  /** One page of installations; {@code more} says whether a next page exists. */
  public record Page(List<PackageInstallation> items, boolean more) {}

  /**
   * Builds the query for a {@code name} that may be qualified ({@code sys-libs/glibc}), checking
   * the versions against {@code manager}'s syntax when one is given.
   */
  public static PackageQuery query(
      String name, PackageManager manager, String versionBelow, String versionAtLeast) {
    if (name == null || name.isBlank()) {
      throw new InvalidParameter("name", "required: the package name, or category/name for Gentoo");
    }
    String bare = name.strip();
    String category = null;
    int slash = bare.indexOf('/');
    if (slash >= 0) {
      category = bare.substring(0, slash);
      bare = bare.substring(slash + 1);
      if (category.isEmpty() || bare.isEmpty() || bare.contains("/")) {
        throw new InvalidParameter("name", "expected name or category/name, got '" + name + "'");
      }
    }
    if (manager != null) {
      checkVersion("versionBelow", versionBelow, manager);
      checkVersion("versionAtLeast", versionAtLeast, manager);
    }
    return new PackageQuery(
        bare, category, manager, blankToNull(versionBelow), blankToNull(versionAtLeast));
  }

  @Transactional
  public Page search(PackageQuery query, InstallationKey after, int limit) {
    if (!query.comparesVersions()) {
      List<PackageInstallation> rows = store.installations(query, after, limit + 1);
      boolean more = rows.size() > limit;
      return new Page(more ? rows.subList(0, limit) : rows, more);
    }
    List<PackageInstallation> matches = new ArrayList<>();
    InstallationKey position = after;
    while (true) {
      List<PackageInstallation> chunk = store.installations(query, position, CHUNK);
      for (PackageInstallation installation : chunk) {
        if (versionMatches(query, installation)) {
          matches.add(installation);
          if (matches.size() > limit) {
            return new Page(matches.subList(0, limit), true);
          }
        }
      }
      if (chunk.size() < CHUNK) {
        return new Page(matches, false);
      }
      position = InstallationKey.of(chunk.get(chunk.size() - 1));
    }
  }

  static boolean versionMatches(PackageQuery query, PackageInstallation installation) {
    VersionComparator order = Versions.comparatorFor(installation.manager());
    if (query.versionBelow() != null
        && order.compare(installation.version(), query.versionBelow()) >= 0) {
      return false;
    }
    return query.versionAtLeast() == null
        || order.compare(installation.version(), query.versionAtLeast()) >= 0;
  }

  private static void checkVersion(String parameter, String version, PackageManager manager) {
    if (version != null
        && !version.isBlank()
        && !Versions.comparatorFor(manager).isValid(version.strip())) {
      throw new InvalidParameter(
          parameter, "'" + version + "' is not a valid " + manager.id() + " version");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
