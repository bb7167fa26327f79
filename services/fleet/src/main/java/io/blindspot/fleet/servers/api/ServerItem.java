package io.blindspot.fleet.servers.api;

import io.blindspot.fleet.servers.application.Server;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One server of the fleet listing. */
@Schema(name = "ServerItem")
public record ServerItem(
    @Schema(examples = "0b6f3c52-8f0e-4a8e-9d0c-3c1f6f3e2a10") UUID serverId,
    @Schema(examples = "web-01.example.org") String hostname,
    OsView os,
    @Schema(examples = "6.1.0-26-amd64") String kernel,
    @Schema(examples = "x86_64") String architecture,
    @Schema(
            description = "Effective labels: the agent's, overridden by the operator's",
            examples = "{\"env\": \"prod\", \"team\": \"web\"}")
        Map<String, String> labels,
    @Schema(
            description = "Last upload of any kind; null before the first",
            examples = "2026-11-25T10:58:12Z")
        Instant lastSeenAt,
    @Schema(examples = "2026-09-01T08:00:00Z") Instant enrolledAt,
    @Schema(
            description = "Packages in the current package snapshot; null before the first",
            examples = "1342")
        Integer packageCount,
    @Schema(
            description = "Readiness of the current coverage; null before the first evaluation",
            enumeration = {"READY", "AT_RISK", "NOT_RESTORABLE"},
            examples = "AT_RISK")
        String readiness,
    @Schema(description = "Coverage score 0-100; null before the first evaluation", examples = "74")
        Integer score) {

  static ServerItem of(Server server) {
    return new ServerItem(
        server.serverId(),
        server.hostname(),
        OsView.of(server.os()),
        server.kernel(),
        server.architecture(),
        server.labels(),
        server.lastSeenAt(),
        server.enrolledAt(),
        server.packageCount(),
        server.readiness(),
        server.score());
  }
}
