package io.blindspot.fleet;

import io.blindspot.fleet.problem.Problem;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The parts of the OpenAPI document every endpoint shares: the admin bearer scheme and the problem
 * responses, which operations reference by name (ref = "BadRequest", ...).
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Blindspot fleet API",
            version = "1.0",
            description =
                "Operator API: enrollment tokens, servers, their packages and fleet-wide package"
                    + " queries, backup jobs, coverage, rebuild plans and the service knowledge"
                    + " base."),
    security = @SecurityRequirement(name = FleetOpenApi.ADMIN_TOKEN),
    components =
        @Components(
            securitySchemes =
                @SecurityScheme(
                    securitySchemeName = FleetOpenApi.ADMIN_TOKEN,
                    type = SecuritySchemeType.HTTP,
                    scheme = "bearer",
                    description =
                        "The bootstrap admin token (BLINDSPOT_ADMIN_TOKEN) or an operator token"
                            + " (bso_..., POST /api/v1/tokens)"),
            responses = {
              @APIResponse(
                  name = "BadRequest",
                  responseCode = "400",
                  description = "A parameter or body field is invalid; the detail names it",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = "Unauthorized",
                  responseCode = "401",
                  description =
                      "No token, an unknown or revoked one, or an agent token (refused here)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = "Forbidden",
                  responseCode = "403",
                  description = "A viewer token asked to change something (viewers only read)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = "NotFound",
                  responseCode = "404",
                  description = "The server, token or snapshot named in the path does not exist",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = "Conflict",
                  responseCode = "409",
                  description = "The request contradicts the current state",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class)))
            }))
public class FleetOpenApi extends Application {

  public static final String ADMIN_TOKEN = "adminToken";
}
