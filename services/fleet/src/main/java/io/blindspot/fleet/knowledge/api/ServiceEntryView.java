package io.blindspot.fleet.knowledge.api;

import io.blindspot.core.world.ServiceEntry;
import io.blindspot.fleet.knowledge.application.KnowledgeEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One service of the knowledge base: what reveals it and where its data lives. */
@Schema(name = "ServiceKnowledgeEntry")
public record ServiceEntryView(
    @Schema(examples = "mysql") String id,
    @Schema(examples = "MySQL / MariaDB") String name,
    @Schema(
            enumeration = {"critical", "high", "medium", "low"},
            examples = "critical")
        String severity,
    @Schema(
            description = "Package names per package manager (Gentoo: category/name)",
            examples = "{\"dpkg\": [\"mariadb-server\"], \"portage\": [\"dev-db/mariadb\"]}")
        Map<String, List<String>> packages,
    @Schema(description = "Service (unit) names that reveal it", examples = "[\"mariadb\"]")
        List<String> services,
    @Schema(
            description = "Its data: absolute paths, directories ending with /",
            examples = "[\"/var/lib/mysql/\"]")
        List<String> paths,
    @Schema(examples = "A file-level copy of a running database is not consistent: back up a dump.")
        String note,
    @Schema(
            description = "More data paths where only one manager's packaging puts them",
            examples = "{\"rpm\": [\"/var/lib/pgsql/\"]}")
        Map<String, List<String>> pathsByManager,
    @Schema(
            description = "builtin: shipped with Blindspot; operator: added through this API",
            enumeration = {"builtin", "operator"},
            examples = "builtin")
        String source,
    @Schema(
            description = "An operator entry that replaces the built-in one of its id",
            examples = "false")
        boolean replacesBuiltIn,
    @Schema(
            description = "When an operator last changed it; null for built-in entries",
            examples = "2026-11-25T11:02:00Z")
        Instant updatedAt) {

  static ServiceEntryView of(KnowledgeEntry knowledge) {
    ServiceEntry e = knowledge.entry();
    return new ServiceEntryView(
        e.id(),
        e.name(),
        e.severity(),
        e.packages(),
        e.services(),
        e.paths(),
        e.note(),
        e.pathsByManager(),
        knowledge.source(),
        knowledge.replacesBuiltIn(),
        knowledge.updatedAt());
  }
}
