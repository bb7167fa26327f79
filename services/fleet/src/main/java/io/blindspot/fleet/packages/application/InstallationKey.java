package io.blindspot.fleet.packages.application;

/**
 * The sort key of fleet-wide package listings: hostname, package key, version. The version is part
 * of it because one key can be installed in several versions at once (rpm kernels).
 */
public record InstallationKey(String hostname, String packageKey, String version) {

  public static InstallationKey of(PackageInstallation installation) {
    return new InstallationKey(
        installation.hostname(), installation.packageKey(), installation.version());
  }
}
