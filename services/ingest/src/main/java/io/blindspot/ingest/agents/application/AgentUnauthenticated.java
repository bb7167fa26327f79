package io.blindspot.ingest.agents.application;

/** The request carries no agent token, or one that is malformed, unknown or rotated away. */
public final class AgentUnauthenticated extends RuntimeException {

  public AgentUnauthenticated(String message) {
    super(message);
  }
}
