package io.blindspot.core.versions;

import io.blindspot.core.packages.PackageManager;

/** Finds the version ordering for a package manager. */
public final class Versions {

  private Versions() {}

  /**
   * The ordering {@code manager} uses, on full version strings as {@link
   * io.blindspot.core.packages.InstalledPackage#fullVersion()} prints them.
   */
  public static VersionComparator comparatorFor(PackageManager manager) {
    return switch (manager) {
      case PORTAGE -> GentooVersion.INSTANCE;
      case DPKG -> DebianVersion.INSTANCE;
      case RPM -> RpmVersion.INSTANCE;
      case APK -> ApkVersion.INSTANCE;
      case PACMAN -> AlpmVersion.INSTANCE;
    };
  }
}
