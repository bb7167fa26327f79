package io.blindspot.fleet.knowledge.api;

import io.blindspot.fleet.knowledge.application.ServiceEntryDraft;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of PUT /api/v1/knowledge/services/{id}: the whole entry. */
@Schema(name = "ServiceKnowledgeEntryBody")
public record ServiceEntryBody(
    @Schema(
            description = "Optional; when given it must equal the id of the path",
            examples = "gitea")
        String id,
    @Schema(required = true, examples = "Gitea") String name,
    @Schema(
            enumeration = {"critical", "high", "medium", "low"},
            defaultValue = "high",
            examples = "critical")
        String severity,
    @Schema(
            description =
                "Package names per package manager (portage, dpkg, rpm, apk, pacman); Gentoo names"
                    + " are category/name. This or `services` is required.",
            examples = "{\"dpkg\": [\"gitea\"], \"portage\": [\"www-apps/gitea\"]}")
        Map<String, List<String>> packages,
    @Schema(description = "Service (unit) names that reveal it", examples = "[\"gitea\"]")
        List<String> services,
    @Schema(
            description =
                "Its data: absolute paths, directories ending with /. This or `pathsByManager` is"
                    + " required.",
            examples = "[\"/var/lib/gitea/\", \"/etc/gitea/app.ini\"]")
        List<String> paths,
    @Schema(
            description = "Advice shown with the asset",
            examples = "Stop gitea or use `gitea dump` for a consistent copy.")
        String note,
    @Schema(
            description = "Data paths only one manager's packaging uses",
            examples = "{\"rpm\": [\"/var/lib/gitea-rpm/\"]}")
        Map<String, List<String>> pathsByManager) {

  ServiceEntryDraft draft() {
    return new ServiceEntryDraft(name, severity, packages, services, paths, note, pathsByManager);
  }
}
