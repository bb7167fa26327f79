package io.blindspot.coverage.recompute.application;

import io.blindspot.core.coverage.CoverageDocument;
import java.util.UUID;

/** Stores computed coverage: current per asset and server, plus history when it changed. */
public interface CoverageResults {

  /**
   * @return true when the outcome differed from the previous one and was added to the history
   */
  boolean store(UUID serverId, CoverageDocument document);
}
