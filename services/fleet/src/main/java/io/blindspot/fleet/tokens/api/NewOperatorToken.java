package io.blindspot.fleet.tokens.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of POST /api/v1/tokens. */
@Schema(name = "NewOperatorToken")
public record NewOperatorToken(
    @Schema(
            description =
                "Who or what uses it, unique among active tokens; the audit trail's actor."
                    + " 1 to 64 letters, digits and . _ @ + -",
            examples = "grafana",
            required = true)
        String name,
    @Schema(
            description = "viewer: reads everything, changes nothing; admin: does all",
            enumeration = {"viewer", "admin"},
            examples = "viewer",
            required = true)
        String role) {}
