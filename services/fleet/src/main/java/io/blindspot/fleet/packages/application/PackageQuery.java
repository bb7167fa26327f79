package io.blindspot.fleet.packages.application;

import io.blindspot.core.packages.PackageManager;

/**
 * Which installations a fleet-wide package query wants.
 *
 * @param name the package name, without category
 * @param category the Gentoo category when the query named {@code category/name}; null otherwise
 * @param manager only this manager's packages; null for all
 * @param versionBelow only versions lower than this, in each manager's own ordering; null for any
 * @param versionAtLeast only versions at least this, in each manager's own ordering; null for any
 */
public record PackageQuery(
    String name,
    String category,
    PackageManager manager,
    String versionBelow,
    String versionAtLeast) {

  /**
   * Whether the database conditions (name, category, manager) suffice, without comparing versions.
   */
  public boolean comparesVersions() {
    return versionBelow != null || versionAtLeast != null;
  }
}
