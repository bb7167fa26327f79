package io.blindspot.coverage.recompute.application;

import io.blindspot.core.packages.PackageSet;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Reads what a server's coverage is computed from. */
public interface CoverageInputs {

  Optional<ServerInputs> load(UUID serverId);

  /** The package set that was current at the given time, for drift. */
  Optional<PackageSet> packagesAt(UUID serverId, Instant at);
}
