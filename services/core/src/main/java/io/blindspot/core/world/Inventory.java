package io.blindspot.core.world;

import java.util.List;
import java.util.Map;

/**
 * What an agent reports about a server, in the form the world derivation needs.
 *
 * @param os the os-release fields
 * @param mounts mounted filesystems
 * @param partitionTable {@code sfdisk --dump} text; null when the agent could not read it
 * @param fstab /etc/fstab text
 * @param services running services
 * @param homes home directories of human users (from passwd); null when not reported
 * @param configChecksums current checksums of package config files ("md5:…" keyed by path), so
 *     modified ones are known; null when not reported
 */
public record Inventory(
    String hostname,
    OsRelease os,
    String kernel,
    String architecture,
    List<Mount> mounts,
    String partitionTable,
    String fstab,
    List<String> services,
    List<String> homes,
    Map<String, String> configChecksums) {

  public Inventory {
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
    services = services == null ? List.of() : List.copyOf(services);
    homes = homes == null ? null : List.copyOf(homes);
    configChecksums = configChecksums == null ? null : Map.copyOf(configChecksums);
  }

  /** The os-release fields that matter here. */
  public record OsRelease(String id, List<String> idLike, String name, String versionId) {
    public OsRelease {
      idLike = idLike == null ? List.of() : List.copyOf(idLike);
    }
  }
}
