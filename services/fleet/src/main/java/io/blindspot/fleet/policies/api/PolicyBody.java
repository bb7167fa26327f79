package io.blindspot.fleet.policies.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of POST and PUT, in JSON or YAML: documentation only, since the body is read by core's
 * policy parser (which keeps line numbers and rejects unknown fields).
 */
@Schema(name = "PolicyBody")
public record PolicyBody(
    @Schema(
            required = true,
            description = "[a-z0-9][a-z0-9-]*, at most 63 characters",
            examples = "tls-keys-backed-up")
        String name,
    @Schema(description = "At most 2000 characters") String description,
    @Schema(
            required = true,
            enumeration = {"critical", "high", "medium", "low"})
        String severity,
    @Schema(description = "Default true") Boolean enabled,
    @Schema(description = "Default: every server") SelectorView selector,
    @Schema(required = true, description = "1 to 50 requirements")
        List<RequirementView> requirements) {}
