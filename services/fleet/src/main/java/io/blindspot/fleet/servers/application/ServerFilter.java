package io.blindspot.fleet.servers.application;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Which servers a listing shows; every condition given must hold.
 *
 * @param labels label key → value; a server's effective labels must contain all of them
 * @param os an os-release ID ("debian") or family ("rhel")
 * @param seenBefore last seen strictly before this instant
 * @param seenAfter last seen strictly after this instant
 * @param notSeenSince not seen since this instant, or never seen at all
 * @param hostnamePrefix the hostname starts with this
 * @param readiness the current coverage readiness is one of these (empty: any, evaluated or not)
 */
public record ServerFilter(
    Map<String, String> labels,
    String os,
    Instant seenBefore,
    Instant seenAfter,
    Instant notSeenSince,
    String hostnamePrefix,
    Set<String> readiness) {

  public ServerFilter {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    readiness = readiness == null ? Set.of() : Set.copyOf(readiness);
  }
}
