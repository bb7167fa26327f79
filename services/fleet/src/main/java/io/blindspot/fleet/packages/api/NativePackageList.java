package io.blindspot.fleet.packages.api;

import io.blindspot.core.packages.ConfigFile;
import io.blindspot.core.packages.InstalledPackage;
import io.blindspot.core.packages.PackageFormat;
import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PackageSetJson;
import io.blindspot.fleet.problem.Conflict;
import io.blindspot.fleet.problem.InvalidParameter;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes a package set back in its manager's native text format, for tools that read those (feeding
 * {@code dpkg --set-selections}-style scripts, diffing against a live system).
 *
 * <p>Only the text formats, and only what the canonical model keeps: the result reads back through
 * core's parser into the same names, versions and architectures, but fields Blindspot never stored
 * (descriptions, dependencies) are not invented. The tar formats (portage vdb, pacman local) are
 * not offered: a tar of half-empty package directories would mislead more than help.
 */
enum NativePackageList {
  JSON("json", null, "application/json"),
  DPKG_STATUS("dpkg-status", PackageManager.DPKG, text(PackageFormat.DPKG_STATUS)),
  RPM_QA("rpm-qa", PackageManager.RPM, text(PackageFormat.RPM_QA)),
  APK_INSTALLED("apk-installed", PackageManager.APK, text(PackageFormat.APK_INSTALLED));

  private final String parameter;
  private final PackageManager manager;
  private final String mediaType;

  NativePackageList(String parameter, PackageManager manager, String mediaType) {
    this.parameter = parameter;
    this.manager = manager;
    this.mediaType = mediaType;
  }

  /** The Content-Type of the answer. */
  String mediaType() {
    return mediaType;
  }

  private static String text(PackageFormat format) {
    return format.mediaType() + "; charset=utf-8";
  }

  static NativePackageList of(String format) {
    if (format == null || format.isBlank()) {
      return JSON;
    }
    for (NativePackageList list : values()) {
      if (list.parameter.equals(format.strip())) {
        return list;
      }
    }
    throw new InvalidParameter(
        "format",
        "unknown format '"
            + format
            + "'; one of "
            + Arrays.stream(values())
                .map(list -> list.parameter)
                .collect(Collectors.joining(", ")));
  }

  String render(PackageSet set) {
    if (manager != null && set.manager() != manager) {
      throw new Conflict(
          "format: '"
              + parameter
              + "' is the format of "
              + manager.id()
              + " systems; this server's packages are "
              + set.manager().id());
    }
    return switch (this) {
      case JSON -> PackageSetJson.toJson(set);
      case DPKG_STATUS -> dpkgStatus(set);
      case RPM_QA -> rpmQa(set);
      case APK_INSTALLED -> apkInstalled(set);
    };
  }

  private static String dpkgStatus(PackageSet set) {
    StringBuilder out = new StringBuilder();
    for (InstalledPackage p : set.packages()) {
      out.append("Package: ").append(p.name()).append('\n');
      out.append("Status: install ok installed\n");
      if (p.arch() != null) {
        out.append("Architecture: ").append(p.arch()).append('\n');
      }
      out.append("Version: ").append(p.fullVersion()).append('\n');
      if (p.configFiles().stream().anyMatch(file -> file.checksum() != null)) {
        out.append("Conffiles:\n");
        for (ConfigFile file : p.configFiles()) {
          if (file.checksum() != null) {
            out.append(' ').append(file.path()).append(' ').append(file.checksum()).append('\n');
          }
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** The columns of {@code RpmQaParser.QUERY_FORMAT}; rpm prints (none) for unset tags. */
  private static String rpmQa(PackageSet set) {
    StringBuilder out = new StringBuilder();
    for (InstalledPackage p : set.packages()) {
      out.append(p.name())
          .append('\t')
          .append(p.epoch() == null ? 0 : p.epoch())
          .append('\t')
          .append(p.version())
          .append('\t')
          .append(orNone(p.release()))
          .append('\t')
          .append(orNone(p.arch()))
          .append('\t')
          .append(0) // INSTALLTIME: not kept in the canonical model
          .append('\t')
          .append(orNone(p.repository()))
          .append('\n');
    }
    return out.toString();
  }

  private static String apkInstalled(PackageSet set) {
    StringBuilder out = new StringBuilder();
    for (InstalledPackage p : set.packages()) {
      out.append("P:").append(p.name()).append('\n');
      out.append("V:").append(p.fullVersion()).append('\n');
      if (p.arch() != null) {
        out.append("A:").append(p.arch()).append('\n');
      }
      String folder = null;
      for (ConfigFile file : p.configFiles()) {
        int slash = file.path().lastIndexOf('/');
        String directory = file.path().substring(1, Math.max(slash, 1));
        if (!directory.equals(folder)) {
          out.append("F:").append(directory).append('\n');
          folder = directory;
        }
        out.append("R:").append(file.path().substring(slash + 1)).append('\n');
        if (file.checksum() != null) {
          out.append("Z:").append(file.checksum()).append('\n');
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String orNone(String value) {
    return value == null ? "(none)" : value;
  }
}
