package io.blindspot.core.world;

import java.util.Locale;

/** What kind of thing on a server must survive its disk. */
public enum AssetKind {
  PACKAGE_DB,
  WORLD_SET,
  CONFIG,
  SERVICE_DATA,
  USER_DATA,
  MOUNT,
  SYSTEM_LAYOUT;

  /** The wire name: "package-db". */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static AssetKind fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
