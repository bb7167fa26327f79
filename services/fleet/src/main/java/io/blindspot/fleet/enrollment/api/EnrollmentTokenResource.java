package io.blindspot.fleet.enrollment.api;

import io.blindspot.fleet.enrollment.application.EnrollmentTokens;
import io.blindspot.fleet.enrollment.application.IssuedEnrollmentToken;
import io.blindspot.fleet.problem.NotFound;
import io.blindspot.fleet.request.CsvWriter;
import io.blindspot.fleet.request.Negotiation;
import io.blindspot.fleet.request.QueryParameters;
import jakarta.validation.Valid;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/enrollment-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Enrollment tokens", description = "Tokens new servers enroll with")
public class EnrollmentTokenResource {

  private final EnrollmentTokens tokens;

  public EnrollmentTokenResource(EnrollmentTokens tokens) {
    this.tokens = tokens;
  }

  @POST // no @Consumes: `curl -X POST` without a body or Content-Type gets the defaults
  @Operation(
      operationId = "createEnrollmentToken",
      summary = "Issue an enrollment token",
      description =
          "The secret is in this response only; Blindspot keeps nothing but its SHA-256. Servers"
              + " enrolling with it get its labels.")
  @RequestBody(
      required = false,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NewEnrollmentToken.class),
              examples =
                  @ExampleObject(
                      name = "prod web servers",
                      value =
                          "{\"description\": \"web tier\", \"labels\": {\"env\": \"prod\"},"
                              + " \"expiresIn\": \"P7D\"}")))
  @APIResponse(
      responseCode = "201",
      description = "Issued; Location names the token",
      content = @Content(schema = @Schema(implementation = IssuedToken.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  public RestResponse<IssuedToken> create(@Valid NewEnrollmentToken request, UriInfo uri) {
    NewEnrollmentToken body =
        request == null ? new NewEnrollmentToken(null, null, null, null) : request;
    IssuedEnrollmentToken issued =
        tokens.issue(
            body.description(),
            body.labels(),
            QueryParameters.positiveDuration("expiresIn", body.expiresIn()),
            QueryParameters.instant("expiresAt", body.expiresAt()));
    return RestResponse.ResponseBuilder.<IssuedToken>created(
            uri.getAbsolutePathBuilder().path(issued.token().id().toString()).build())
        .entity(IssuedToken.of(issued))
        .build();
  }

  @GET
  @Operation(
      operationId = "listEnrollmentTokens",
      summary = "List enrollment tokens",
      description = "Newest first, without secrets; revoked and expired tokens included.")
  @APIResponse(
      responseCode = "200",
      description = "The tokens",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EnrollmentTokenList.class)),
        @Content(
            mediaType = CsvWriter.MEDIA_TYPE,
            schema =
                @Schema(
                    type = SchemaType.STRING,
                    description = "A header row of the JSON field names, then one row per item"))
      })
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
  public Response list(@Context HttpHeaders headers) {
    List<EnrollmentTokenView> items = tokens.list().stream().map(EnrollmentTokenView::of).toList();
    if (Negotiation.csv(headers)) {
      return CsvWriter.records("enrollment-tokens", EnrollmentTokenView.class, items::forEach);
    }
    return Response.ok(new EnrollmentTokenList(items), MediaType.APPLICATION_JSON).build();
  }

  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "revokeEnrollmentToken",
      summary = "Revoke an enrollment token",
      description =
          "No server can enroll with it afterwards; servers already enrolled keep working."
              + " Revoking twice is harmless.")
  @APIResponse(responseCode = "204", description = "Revoked")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public void revoke(
      @Parameter(description = "The token's id", example = "3f0c8a1e-5b7d-4c2a-9e61-0d2f4b8a7c55")
          @PathParam("id")
          String id) {
    tokens.revoke(parseId(id));
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      // Not a UUID cannot name a token: the same answer as an unknown one.
      throw new NotFound("no enrollment token " + id);
    }
  }
}
