package io.blindspot.fleet.rebuild.application;

import io.blindspot.core.coverage.CoverageDocument;
import java.util.Optional;
import java.util.UUID;

/** What a rebuild plan is made of, as the ingest and coverage services stored it. */
public interface RebuildStore {

  Optional<UUID> serverId(String hostname);

  /** The canonical PackageSet JSON of the current package snapshot. */
  Optional<String> currentPackageSet(UUID serverId);

  /** The canonical inventory JSON of the current inventory snapshot. */
  Optional<String> currentInventory(UUID serverId);

  /** The current coverage report; empty before the first evaluation. */
  Optional<CoverageDocument> currentCoverage(UUID serverId);
}
