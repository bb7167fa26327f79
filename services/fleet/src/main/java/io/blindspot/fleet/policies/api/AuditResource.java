package io.blindspot.fleet.policies.api;

import io.blindspot.fleet.policies.application.AuditEntry;
import io.blindspot.fleet.policies.application.AuditTrail;
import io.blindspot.fleet.request.CsvWriter;
import io.blindspot.fleet.request.Cursor;
import io.blindspot.fleet.request.KeysetPages;
import io.blindspot.fleet.request.Negotiation;
import io.blindspot.fleet.request.QueryParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Every change of a policy, a waiver or a token")
public class AuditResource {

  private static final String LISTING = "audit";
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;
  private static final List<String> ENTITIES = List.of("policy", "waiver", "token");

  private final AuditTrail trail;

  public AuditResource(AuditTrail trail) {
    this.trail = trail;
  }

  @GET
  @Operation(
      operationId = "listAudit",
      summary = "The audit trail",
      description =
          "Newest first: who changed what, when, and the entity before and after. Pass `next`"
              + " as `after` for older entries.")
  @APIResponse(
      responseCode = "200",
      description = "One page of the trail (with Accept: text/csv, every matching entry)",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AuditPage.class)),
        @Content(
            mediaType = CsvWriter.MEDIA_TYPE,
            schema =
                @Schema(
                    type = SchemaType.STRING,
                    description =
                        "A header row of the JSON field names, then one row per entry, all pages"))
      })
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
  public Response list(
      @Parameter(
              description = "Only changes of this kind of entity",
              schema = @Schema(enumeration = {"policy", "waiver", "token"}))
          @QueryParam("entity")
          String entity,
      @Parameter(
              description = "Only changes of this entity (a policy name, a waiver id, ...)",
              example = "etc-backed-up-daily")
          @QueryParam("entityId")
          String entityId,
      @Parameter(description = "Page size, 1-1000 (default 100)") @QueryParam("limit") String limit,
      @Parameter(description = "The `next` of the previous page") @QueryParam("after") String after,
      @Context HttpHeaders headers) {
    int size = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    Set<String> entities =
        QueryParameters.oneOf("entity", entity == null ? null : List.of(entity), ENTITIES);
    List<String> cursor = Cursor.decode("after", LISTING, 1, after);
    String kind = entities.isEmpty() ? null : entities.iterator().next();
    String id = entityId == null || entityId.isBlank() ? null : entityId;
    if (Negotiation.csv(headers)) {
      return CsvWriter.records(
          "audit",
          AuditEntryView.class,
          sink ->
              KeysetPages.<AuditEntry, Long>forEach(
                  (before, n) -> trail.page(kind, id, before, n),
                  AuditEntry::id,
                  row -> sink.accept(AuditEntryView.of(row))));
    }
    List<AuditEntry> rows =
        trail.page(kind, id, cursor == null ? null : Long.valueOf(cursor.get(0)), size);
    String next = null;
    if (rows.size() > size) {
      rows = rows.subList(0, size);
      next = Cursor.encode(LISTING, String.valueOf(rows.get(size - 1).id()));
    }
    return Response.ok(
            new AuditPage(rows.stream().map(AuditEntryView::of).toList(), next),
            MediaType.APPLICATION_JSON)
        .build();
  }
}
