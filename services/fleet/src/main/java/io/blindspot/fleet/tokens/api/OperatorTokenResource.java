package io.blindspot.fleet.tokens.api;

import io.blindspot.fleet.auth.CurrentCaller;
import io.blindspot.fleet.problem.InvalidParameter;
import io.blindspot.fleet.problem.NotFound;
import io.blindspot.fleet.request.CsvWriter;
import io.blindspot.fleet.request.Negotiation;
import io.blindspot.fleet.tokens.application.IssuedOperatorToken;
import io.blindspot.fleet.tokens.application.OperatorTokens;
import jakarta.ws.rs.Consumes;
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

@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Operator tokens",
    description = "Bearer tokens for people and tools: viewer (read-only) or admin")
public class OperatorTokenResource {

  private final OperatorTokens tokens;
  private final CurrentCaller caller;

  public OperatorTokenResource(OperatorTokens tokens, CurrentCaller caller) {
    this.tokens = tokens;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createOperatorToken",
      summary = "Issue an operator token",
      description =
          "Admins only. The secret is in this response only; Blindspot keeps nothing but its"
              + " SHA-256. The creation is written to the audit trail (without the secret).")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NewOperatorToken.class),
              examples =
                  @ExampleObject(
                      name = "read-only, for Grafana",
                      value = "{\"name\": \"grafana\", \"role\": \"viewer\"}")))
  @APIResponse(
      responseCode = "201",
      description = "Issued; Location names the token",
      content = @Content(schema = @Schema(implementation = IssuedOperatorTokenView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "409", ref = "Conflict")
  public RestResponse<IssuedOperatorTokenView> create(NewOperatorToken request, UriInfo uri) {
    if (request == null) {
      throw new InvalidParameter("body", "expected {\"name\": \"...\", \"role\": \"viewer\"}");
    }
    IssuedOperatorToken issued = tokens.issue(request.name(), request.role(), caller.get());
    return RestResponse.ResponseBuilder.<IssuedOperatorTokenView>created(
            uri.getAbsolutePathBuilder().path(issued.token().id().toString()).build())
        .entity(IssuedOperatorTokenView.of(issued))
        .build();
  }

  @GET
  @Operation(
      operationId = "listOperatorTokens",
      summary = "List operator tokens",
      description = "Newest first, without secrets; revoked tokens included.")
  @APIResponse(
      responseCode = "200",
      description = "The tokens",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OperatorTokenList.class)),
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
    List<OperatorTokenView> items = tokens.list().stream().map(OperatorTokenView::of).toList();
    if (Negotiation.csv(headers)) {
      return CsvWriter.records("operator-tokens", OperatorTokenView.class, items::forEach);
    }
    return Response.ok(new OperatorTokenList(items), MediaType.APPLICATION_JSON).build();
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "getOperatorToken", summary = "One operator token, without secret")
  @APIResponse(
      responseCode = "200",
      description = "The token",
      content = @Content(schema = @Schema(implementation = OperatorTokenView.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public OperatorTokenView get(
      @Parameter(description = "The token's id", example = "9b2d6c1e-4f3a-4e8b-a1d2-7c5e0f9a8b31")
          @PathParam("id")
          String id) {
    return OperatorTokenView.of(tokens.show(parseId(id)));
  }

  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "revokeOperatorToken",
      summary = "Revoke an operator token",
      description =
          "Admins only. The token answers 401 from now on (on other fleet instances within a"
              + " second); it stays listed with revokedAt, and its name can be given again."
              + " Revoking twice is harmless.")
  @APIResponse(responseCode = "204", description = "Revoked")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public void revoke(
      @Parameter(description = "The token's id", example = "9b2d6c1e-4f3a-4e8b-a1d2-7c5e0f9a8b31")
          @PathParam("id")
          String id) {
    tokens.revoke(parseId(id), caller.get());
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      // Not a UUID cannot name a token: the same answer as an unknown one.
      throw new NotFound("no operator token " + id);
    }
  }
}
