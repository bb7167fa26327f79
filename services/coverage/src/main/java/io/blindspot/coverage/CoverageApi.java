package io.blindspot.coverage;

import io.blindspot.coverage.problem.Problem;
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
 * The OpenAPI document's header: what this service is, how clients authenticate, and the problem
 * responses every operation shares, which operations reference by name (ref = "BadRequest", ...).
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Blindspot coverage API",
            version = "1.0",
            description =
                "Derives each server's world, evaluates every backup job's rules exactly as the"
                    + " real tool would, and keeps coverage current."),
    components =
        @Components(
            responses = {
              @APIResponse(
                  name = "BadRequest",
                  responseCode = "400",
                  description = "Malformed request; the detail names the field",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = "Unauthorized",
                  responseCode = "401",
                  description = "No or unknown operator token",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = "NotFound",
                  responseCode = "404",
                  description = "No such server, or no such job on it",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = "Unprocessable",
                  responseCode = "422",
                  description =
                      "The job cannot be evaluated (unknown option, missing file); the detail"
                          + " names the option, file and line",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class)))
            }))
@SecurityScheme(
    securitySchemeName = "operatorToken",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "An operator token: the admin token, or a viewer token")
public class CoverageApi extends Application {}
