package io.blindspot.fleet.knowledge.application;

import io.blindspot.core.world.ServiceEntry;
import java.time.Instant;

/**
 * One entry of the service knowledge base as the coverage evaluation uses it.
 *
 * @param source {@link #BUILT_IN} (shipped with Blindspot) or {@link #OPERATOR} (added through the
 *     API, stored in PostgreSQL)
 * @param replacesBuiltIn an operator entry with the id of a built-in one, which it replaces
 * @param updatedAt when an operator last changed it; null for built-in entries
 */
public record KnowledgeEntry(
    ServiceEntry entry, String source, boolean replacesBuiltIn, Instant updatedAt) {

  public static final String BUILT_IN = "builtin";
  public static final String OPERATOR = "operator";
}
