package io.blindspot.core.world;

import java.util.Locale;

/** How bad losing an asset is; ordered from worst. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
