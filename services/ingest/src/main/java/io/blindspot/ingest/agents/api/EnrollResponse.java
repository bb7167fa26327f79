package io.blindspot.ingest.agents.api;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The enrolled server and its agent token; the token is shown this once and only its hash kept. */
@Schema(name = "EnrollResponse")
public record EnrollResponse(
    @Schema(examples = "0b9f3c52-7d1e-4f0a-9c39-5b1f6a2e8d11") UUID serverId,
    @Schema(
            description =
                "Bearer token for every other agent endpoint; store it, it is not shown again",
            examples = "bsa_0b9f3c527d1e4f0a9c395b1f6a2e8d11_q2V8...")
        String token) {}
