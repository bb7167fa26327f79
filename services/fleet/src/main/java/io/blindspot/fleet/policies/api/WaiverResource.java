package io.blindspot.fleet.policies.api;

import io.blindspot.core.policy.PolicyParser;
import io.blindspot.core.policy.Selector;
import io.blindspot.fleet.policies.application.StoredWaiver;
import io.blindspot.fleet.policies.application.Waivers;
import io.blindspot.fleet.problem.InvalidParameter;
import io.blindspot.fleet.problem.NotFound;
import io.blindspot.fleet.request.CsvWriter;
import io.blindspot.fleet.request.Cursor;
import io.blindspot.fleet.request.KeysetPages;
import io.blindspot.fleet.request.Negotiation;
import io.blindspot.fleet.request.QueryParameters;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/waivers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Waivers",
    description =
        "Exceptions to a policy for a server or a selector, with a reason, an author and an"
            + " expiry")
public class WaiverResource {

  private static final String LISTING = "waivers";
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;
  private static final List<String> STATES =
      List.of(StoredWaiver.ACTIVE, StoredWaiver.EXPIRED, StoredWaiver.REVOKED);

  private final Waivers waivers;

  public WaiverResource(Waivers waivers) {
    this.waivers = waivers;
  }

  @GET
  @Operation(
      operationId = "listWaivers",
      summary = "List waivers",
      description = "Newest first; revoked and expired ones are kept. Pass `next` as `after`.")
  @APIResponse(
      responseCode = "200",
      description = "One page of waivers (with Accept: text/csv, every matching waiver)",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WaiverPage.class)),
        @Content(
            mediaType = CsvWriter.MEDIA_TYPE,
            schema =
                @Schema(
                    type = SchemaType.STRING,
                    description =
                        "A header row of the JSON field names, then one row per waiver, all pages"))
      })
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
  public Response list(
      @Parameter(description = "Only waivers of this policy", example = "etc-backed-up-daily")
          @QueryParam("policy")
          String policy,
      @Parameter(
              description = "Only waivers in this state now",
              schema = @Schema(enumeration = {"active", "expired", "revoked"}))
          @QueryParam("state")
          String state,
      @Parameter(description = "Page size, 1-1000 (default 100)") @QueryParam("limit") String limit,
      @Parameter(description = "The `next` of the previous page") @QueryParam("after") String after,
      @Context HttpHeaders headers) {
    int size = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    Set<String> states =
        QueryParameters.oneOf("state", state == null ? null : List.of(state), STATES);
    if (states.size() > 1) {
      throw new InvalidParameter("state", "one of " + String.join(", ", STATES));
    }
    List<String> cursor = Cursor.decode("after", LISTING, 1, after);
    String only = states.isEmpty() ? null : states.iterator().next();
    if (Negotiation.csv(headers)) {
      return CsvWriter.records(
          "waivers",
          WaiverView.class,
          sink ->
              KeysetPages.<StoredWaiver, Long>forEach(
                  (before, n) -> waivers.list(policy, only, before, n),
                  StoredWaiver::id,
                  row -> sink.accept(WaiverView.of(row))));
    }
    List<StoredWaiver> rows =
        waivers.list(policy, only, cursor == null ? null : Long.valueOf(cursor.get(0)), size);
    String next = null;
    if (rows.size() > size) {
      rows = rows.subList(0, size);
      next = Cursor.encode(LISTING, String.valueOf(rows.get(size - 1).id()));
    }
    return Response.ok(
            new WaiverPage(rows.stream().map(WaiverView::of).toList(), next),
            MediaType.APPLICATION_JSON)
        .build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createWaiver",
      summary = "Waive a policy for a server or a selector",
      description =
          "The author is the caller. The expiry must be in the future and within the configured"
              + " maximum (BLINDSPOT_WAIVER_MAX_DURATION, 365 days by default); at expiry the"
              + " waived results count as failing again without any job. Audited; every server"
              + " is queued for evaluation.")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = WaiverBody.class),
              examples =
                  @ExampleObject(
                      name = "one server",
                      value =
                          "{\"policy\": \"etc-backed-up-daily\", \"server\": \"legacy-01\","
                              + " \"reason\": \"decommissioned on 2027-01-31\", \"expiresAt\":"
                              + " \"2027-01-31T00:00:00Z\"}")))
  @APIResponse(
      responseCode = "201",
      description = "Created; Location names the waiver",
      content = @Content(schema = @Schema(implementation = WaiverView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  public Response create(WaiverBody body, @Context UriInfo uri) {
    if (body == null) {
      throw new InvalidParameter("policy", "required: the body is a waiver");
    }
    Selector selector =
        body.selector() == null || body.selector().isNull()
            ? null
            : PolicyParser.selector(body.selector(), "selector");
    StoredWaiver created =
        waivers.create(
            new Waivers.Draft(
                body.policy(),
                body.server(),
                selector,
                body.reason(),
                QueryParameters.instant("expiresAt", body.expiresAt())));
    return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
        .type(MediaType.APPLICATION_JSON)
        .entity(WaiverView.of(created))
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "getWaiver", summary = "One waiver")
  @APIResponse(
      responseCode = "200",
      description = "The waiver",
      content = @Content(schema = @Schema(implementation = WaiverView.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No waiver of that id")
  public WaiverView get(@Parameter(example = "12") @PathParam("id") String id) {
    return WaiverView.of(waivers.get(id(id)));
  }

  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "revokeWaiver",
      summary = "Revoke a waiver",
      description =
          "Sets its revocation time; the waiver is kept, and the audit trail records who revoked"
              + " it. Every server is queued for evaluation.")
  @APIResponse(
      responseCode = "200",
      description = "Revoked",
      content = @Content(schema = @Schema(implementation = WaiverView.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No waiver of that id")
  @APIResponse(responseCode = "409", ref = "Conflict", description = "Already revoked")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  public WaiverView revoke(@Parameter(example = "12") @PathParam("id") String id) {
    return WaiverView.of(waivers.revoke(id(id)));
  }

  private static long id(String raw) {
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new NotFound("no waiver with id '" + raw + "'");
    }
  }
}
