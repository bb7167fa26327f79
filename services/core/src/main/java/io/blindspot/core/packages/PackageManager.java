package io.blindspot.core.packages;

import java.util.Locale;

/** The package managers Blindspot understands; each has its own formats and version ordering. */
public enum PackageManager {
  PORTAGE,
  DPKG,
  RPM,
  APK,
  PACMAN;

  /** The lower-case name used in JSON, URLs and the database. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PackageManager fromId(String id) {
    for (PackageManager manager : values()) {
      if (manager.id().equals(id)) {
        return manager;
      }
    }
    throw new IllegalArgumentException("unknown package manager: " + id);
  }
}
