package io.blindspot.fleet.coverage.api;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Documentation only: the values the coverage filters take, as OpenAPI item schemas. */
final class AssetFilterValues {

  private AssetFilterValues() {}

  @Schema(
      name = "AssetStatus",
      type = SchemaType.STRING,
      enumeration = {
        "covered",
        "verified",
        "partial",
        "stale",
        "missing-from-snapshot",
        "uncovered"
      })
  static final class Status {}

  @Schema(
      name = "AssetKind",
      type = SchemaType.STRING,
      enumeration = {
        "package-db",
        "world-set",
        "config",
        "service-data",
        "user-data",
        "mount",
        "system-layout"
      })
  static final class Kind {}

  @Schema(
      name = "Severity",
      type = SchemaType.STRING,
      enumeration = {"critical", "high", "medium", "low"})
  static final class Severity {}
}
