package io.blindspot.fleet.servers.application;

/**
 * The position of a server in the listing by score: its score (null when not evaluated, which sorts
 * last) and hostname.
 */
public record ScoreKey(Integer score, String hostname) {

  public static ScoreKey of(Server server) {
    return new ScoreKey(server.score(), server.hostname());
  }
}
