package io.blindspot.ingest;

import io.blindspot.ingest.problem.Problem;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The ingest API as a whole: declares the agent token scheme its OpenAPI description refers to, and
 * the problem responses every upload shares, referenced by name (ref = "Unauthorized", ...); title
 * and description come from application.properties.
 */
@OpenAPIDefinition(
    info = @Info(title = "Blindspot ingest API", version = "1.0"),
    components =
        @Components(
            responses = {
              @APIResponse(
                  name = "Unauthorized",
                  responseCode = "401",
                  description = "No valid agent token",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = "TooLarge",
                  responseCode = "413",
                  description = "Larger than blindspot.uploads.max-bytes once decompressed",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class)))
            }))
@SecurityScheme(
    securitySchemeName = "agentToken",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description =
        "The agent token issued by POST /api/v1/agent/enroll (bsa_<server id>_<secret>). The"
            + " admin token is not an agent token.")
public class IngestApi extends Application {}
