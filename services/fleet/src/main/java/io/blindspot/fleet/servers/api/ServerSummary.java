package io.blindspot.fleet.servers.api;

import io.blindspot.fleet.servers.application.Server;
import io.blindspot.fleet.servers.application.ServerDetails;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One server in full. */
@Schema(name = "ServerSummary")
public record ServerSummary(
    @Schema(examples = "0b6f3c52-8f0e-4a8e-9d0c-3c1f6f3e2a10") UUID serverId,
    @Schema(examples = "web-01.example.org") String hostname,
    OsView os,
    @Schema(examples = "6.1.0-26-amd64") String kernel,
    @Schema(examples = "x86_64") String architecture,
    @Schema(
            description = "Effective labels: the agent's, overridden by the operator's",
            examples = "{\"env\": \"prod\", \"role\": \"db\"}")
        Map<String, String> labels,
    @Schema(
            description = "Labels set by operators (enrollment token, PATCH)",
            examples = "{\"env\": \"prod\"}")
        Map<String, String> operatorLabels,
    @Schema(
            description = "Labels the agent reports in its inventory (agent.conf)",
            examples = "{\"role\": \"db\"}")
        Map<String, String> agentLabels,
    @Schema(examples = "2026-11-25T10:58:12Z") Instant lastSeenAt,
    @Schema(examples = "2026-09-01T08:00:00Z") Instant enrolledAt,
    @Schema(description = "Manager of the current package snapshot", examples = "dpkg")
        String packageManager,
    @Schema(examples = "1342") Integer packageCount,
    @Schema(
            description = "Readiness of the current coverage; null before the first evaluation",
            enumeration = {"READY", "AT_RISK", "NOT_RESTORABLE"},
            examples = "AT_RISK")
        String readiness,
    @Schema(description = "Coverage score 0-100; null before the first evaluation", examples = "74")
        Integer score,
    @Schema(description = "Report kind (inventory, packages, ...) → its current report")
        Map<String, ReportView> lastSeen,
    @Schema(description = "Mounts from the current inventory, as the agent reported them")
        List<Object> mounts,
    @Schema(description = "Services from the current inventory, as the agent reported them")
        List<Object> services) {

  static ServerSummary of(ServerDetails details) {
    Server server = details.server();
    Map<String, ReportView> reports = new LinkedHashMap<>();
    details.reports().forEach((kind, report) -> reports.put(kind, ReportView.of(report)));
    return new ServerSummary(
        server.serverId(),
        server.hostname(),
        OsView.of(server.os()),
        server.kernel(),
        server.architecture(),
        server.labels(),
        server.operatorLabels(),
        server.agentLabels(),
        server.lastSeenAt(),
        server.enrolledAt(),
        server.packageManager(),
        server.packageCount(),
        server.readiness(),
        server.score(),
        reports,
        details.mounts(),
        details.services());
  }
}
