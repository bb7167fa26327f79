package io.blindspot.core.world;

import java.util.List;
import java.util.Objects;

/**
 * Something on a server that a restore needs.
 *
 * @param path absolute path; a trailing "/" marks a directory
 * @param kind what it is
 * @param severity how bad losing it is
 * @param provenance why it matters, in a sentence naming its source
 * @param note advice that goes with it ("a file-level copy of a running database is not consistent:
 *     back up a dump"); may be null
 * @param probes paths inside the asset that must be in the backup too for the asset to be whole
 *     (the package database's entries, say); a backup that keeps the asset but loses a probe covers
 *     it only partially
 */
public record Asset(
    String path,
    AssetKind kind,
    Severity severity,
    String provenance,
    String note,
    List<String> probes) {

  public Asset {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    probes = probes == null ? List.of() : List.copyOf(probes);
  }

  public Asset(String path, AssetKind kind, Severity severity, String provenance) {
    this(path, kind, severity, provenance, null, List.of());
  }

  public boolean isDirectory() {
    return path.endsWith("/");
  }
}
