package io.blindspot.core.versions;

import io.blindspot.core.packages.PackageManager;
import java.util.Comparator;

/**
 * The version ordering of one package manager, on full version strings exactly as {@link
 * io.blindspot.core.packages.InstalledPackage#fullVersion()} prints them.
 *
 * <p>Each implementation follows its manager's own algorithm, so results match the manager's tools
 * ({@code dpkg --compare-versions}, {@code rpm.vercmp}, {@code vercmp}, {@code apk version -t},
 * Portage). They accept any string and never throw; how malformed versions sort is documented per
 * implementation. The Gentoo, dpkg, rpm and apk orders are total (transitive) over all strings;
 * pacman's vercmp is not in corner cases, see {@link AlpmVersion}. Like the managers, the orders
 * are not consistent with {@code equals}: dpkg considers {@code 1.0} and {@code 1.0-0} equal, rpm
 * {@code 1.0} and {@code 1_0}.
 */
public sealed interface VersionComparator extends Comparator<String>
    permits GentooVersion, DebianVersion, RpmVersion, ApkVersion, AlpmVersion {

  /** The manager whose ordering this is. */
  PackageManager manager();

  /** Whether the manager itself would accept {@code version} as a version string. */
  boolean isValid(String version);
}
