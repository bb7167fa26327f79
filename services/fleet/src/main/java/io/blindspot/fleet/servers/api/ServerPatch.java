package io.blindspot.fleet.servers.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of PATCH /api/v1/servers/{hostname}: a JSON merge patch of the server. */
@Schema(name = "ServerPatch")
public record ServerPatch(
    @Schema(
            description =
                "Operator labels to set; a null value removes that label, absent ones stay. Labels"
                    + " the agent reports are not affected.",
            examples = "{\"env\": \"prod\", \"old\": null}")
        Map<String, String> labels) {}
