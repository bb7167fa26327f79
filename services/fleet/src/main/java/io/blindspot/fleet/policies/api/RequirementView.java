package io.blindspot.fleet.policies.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.blindspot.core.policy.PolicyParser;
import io.blindspot.core.policy.Requirement;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One requirement of a policy; which fields apply depends on the type. */
@Schema(name = "Requirement")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequirementView(
    @Schema(
            description =
                "Unique in the policy: given, or the type (suffixed -2, -3 when repeated)",
            examples = "etc-fresh")
        String id,
    @Schema(
            enumeration = {
              "assets-covered",
              "no-uncovered",
              "mounts-covered",
              "fresh-backup",
              "readiness",
              "path-covered"
            })
        String type,
    @Schema(
            description = "assets-covered: every asset of these kinds is covered or verified",
            examples = "[\"package-db\", \"world-set\"]")
        List<String> kinds,
    @Schema(
            description = "no-uncovered: no asset of this severity or worse is uncovered",
            examples = "critical")
        String severity,
    @Schema(
            description = "fresh-backup and path-covered: the path (directories end with /)",
            examples = "/etc/ssl/private/")
        String path,
    @Schema(
            description =
                "fresh-backup: the newest success of a job including the path is younger than"
                    + " this ISO-8601 duration",
            examples = "PT26H")
        String maxAge,
    @Schema(
            description = "readiness: the server's readiness is this",
            enumeration = {"READY", "AT_RISK", "NOT_RESTORABLE"})
        String is) {

  @SuppressWarnings("unchecked")
  static RequirementView of(Requirement requirement) {
    Map<String, Object> map = PolicyParser.toMap(requirement);
    return new RequirementView(
        (String) map.get("id"),
        (String) map.get("type"),
        (List<String>) map.get("kinds"),
        (String) map.get("severity"),
        (String) map.get("path"),
        (String) map.get("maxAge"),
        (String) map.get("is"));
  }
}
