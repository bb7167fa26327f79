package io.blindspot.fleet.servers.application;

import java.time.Instant;
import java.util.Map;

/**
 * Which servers a listing shows; every condition given must hold.
 *
 * @param labels label key → value; a server's effective labels must contain all of them
 * @param os an os-release ID ("debian") or family ("rhel")
 * @param seenBefore last seen strictly before this instant
 * @param seenAfter last seen strictly after this instant
 * @param notSeenSince not seen since this instant, or never seen at all
 * @param hostnamePrefix the hostname starts with this
 */
public record ServerFilter(
    Map<String, String> labels,
    String os,
    Instant seenBefore,
    Instant seenAfter,
    Instant notSeenSince,
    String hostnamePrefix) {

  public ServerFilter {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
