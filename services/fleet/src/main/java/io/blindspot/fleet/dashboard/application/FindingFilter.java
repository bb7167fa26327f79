package io.blindspot.fleet.dashboard.application;

import java.util.UUID;

/**
 * Which findings to list; every field is optional (null or blank: no condition).
 *
 * @param status "fail" or "waived", as the effective status
 * @param pathPrefix the finding's path starts with it
 * @param hostPrefix the server's hostname starts with it
 */
public record FindingFilter(
    UUID serverId,
    String policy,
    String severity,
    String status,
    String pathPrefix,
    String hostPrefix) {

  public static FindingFilter ofServer(UUID serverId) {
    return new FindingFilter(serverId, null, null, null, null, null);
  }
}
