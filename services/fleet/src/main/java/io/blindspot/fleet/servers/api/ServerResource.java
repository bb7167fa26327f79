package io.blindspot.fleet.servers.api;

import io.blindspot.fleet.problem.InvalidParameter;
import io.blindspot.fleet.request.CsvWriter;
import io.blindspot.fleet.request.Cursor;
import io.blindspot.fleet.request.Negotiation;
import io.blindspot.fleet.request.QueryParameters;
import io.blindspot.fleet.servers.application.ScoreKey;
import io.blindspot.fleet.servers.application.ServerCatalog;
import io.blindspot.fleet.servers.application.ServerFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/servers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Servers", description = "The enrolled servers")
public class ServerResource {

  static final String MERGE_PATCH = "application/merge-patch+json";
  private static final String LISTING = "servers";
  private static final String LISTING_BY_SCORE = "servers-by-score";
  private static final List<String> READINESS = List.of("READY", "AT_RISK", "NOT_RESTORABLE");
  private static final List<String> SORTS = List.of("hostname", "score");
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  private final ServerCatalog catalog;

  public ServerResource(ServerCatalog catalog) {
    this.catalog = catalog;
  }

  @GET
  @Operation(
      operationId = "listServers",
      summary = "List servers",
      description =
          "By hostname (or with `sort=score` by coverage score, lowest first, servers not"
              + " evaluated yet last), a page at a time: pass the `next` of a page as `after` to"
              + " get the following one. All filters given must hold.")
  @APIResponse(
      responseCode = "200",
      description = "One page of servers",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ServerPage.class)),
        @Content(
            mediaType = CsvWriter.MEDIA_TYPE,
            schema =
                @Schema(
                    type = SchemaType.STRING,
                    description = "A header row of the JSON field names, then one row per item"))
      })
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
  public Response list(
      @Parameter(
              description = "key:value on the effective labels; repeat for several, all must match",
              example = "env:prod")
          @QueryParam("label")
          List<String> labels,
      @Parameter(description = "os-release ID or family", example = "debian") @QueryParam("os")
          String os,
      @Parameter(
              description = "Last seen before this instant",
              example = "2026-11-24T00:00:00Z",
              schema = @Schema(type = SchemaType.STRING, format = "date-time"))
          @QueryParam("seenBefore")
          String seenBefore,
      @Parameter(
              description = "Last seen after this instant",
              example = "2026-11-24T00:00:00Z",
              schema = @Schema(type = SchemaType.STRING, format = "date-time"))
          @QueryParam("seenAfter")
          String seenAfter,
      @Parameter(
              description = "Not seen for this long (ISO-8601 duration), or never seen",
              example = "PT24H",
              schema = @Schema(type = SchemaType.STRING, format = "duration"))
          @QueryParam("notSeenFor")
          String notSeenFor,
      @Parameter(description = "Hostname prefix", example = "web-") @QueryParam("hostname")
          String hostnamePrefix,
      @Parameter(
              description =
                  "Only servers whose current coverage has one of these readiness values (repeat"
                      + " or separate by commas); servers not evaluated yet never match",
              example = "NOT_RESTORABLE",
              schema = @Schema(type = SchemaType.ARRAY, implementation = ReadinessValue.class))
          @QueryParam("readiness")
          List<String> readiness,
      @Parameter(
              description =
                  "hostname (default), or score: coverage score ascending (worst first), then"
                      + " hostname; servers not evaluated yet last",
              example = "score",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"hostname", "score"},
                      defaultValue = "hostname"))
          @QueryParam("sort")
          String sort,
      @Parameter(
              description = "Page size",
              example = "100",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "1000",
                      defaultValue = "100"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "The `next` of the previous page") @QueryParam("after") String after,
      @Context HttpHeaders headers) {
    Duration notSeen = QueryParameters.positiveDuration("notSeenFor", notSeenFor);
    ServerFilter filter =
        new ServerFilter(
            QueryParameters.labels("label", labels),
            blankToNull(os),
            QueryParameters.instant("seenBefore", seenBefore),
            QueryParameters.instant("seenAfter", seenAfter),
            notSeen == null ? null : Instant.now().minus(notSeen),
            blankToNull(hostnamePrefix),
            QueryParameters.oneOf("readiness", readiness, READINESS));
    int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    boolean byScore = QueryParameters.single("sort", sort, SORTS, "hostname").equals("score");
    if (Negotiation.csv(headers)) {
      return CsvWriter.records("servers", ServerItem.class, sink -> export(filter, byScore, sink));
    }
    if (byScore) {
      return json(byScore(filter, after, pageSize));
    }
    List<String> cursor = Cursor.decode("after", LISTING, 1, after);
    ServerCatalog.Page page = catalog.list(filter, cursor == null ? null : cursor.get(0), pageSize);
    List<ServerItem> items = page.items().stream().map(ServerItem::of).toList();
    String next =
        page.more()
            ? Cursor.encode(LISTING, page.items().get(page.items().size() - 1).hostname())
            : null;
    return json(new ServerPage(items, next));
  }

  /** Every matching server, in the listing's order, read a keyset batch at a time. */
  private void export(ServerFilter filter, boolean byScore, Consumer<ServerItem> sink) {
    ServerCatalog.Page batch = null;
    do {
      if (byScore) {
        ScoreKey after =
            batch == null ? null : ScoreKey.of(batch.items().get(batch.items().size() - 1));
        batch = catalog.listByScore(filter, after, MAX_LIMIT);
      } else {
        String after =
            batch == null ? null : batch.items().get(batch.items().size() - 1).hostname();
        batch = catalog.list(filter, after, MAX_LIMIT);
      }
      batch.items().forEach(server -> sink.accept(ServerItem.of(server)));
    } while (batch.more());
  }

  private static Response json(Object body) {
    return Response.ok(body, MediaType.APPLICATION_JSON).build();
  }

  private ServerPage byScore(ServerFilter filter, String after, int pageSize) {
    List<String> cursor = Cursor.decode("after", LISTING_BY_SCORE, 2, after);
    ScoreKey position = cursor == null ? null : new ScoreKey(score(cursor.get(0)), cursor.get(1));
    ServerCatalog.Page page = catalog.listByScore(filter, position, pageSize);
    List<ServerItem> items = page.items().stream().map(ServerItem::of).toList();
    String next = null;
    if (page.more()) {
      ScoreKey last = ScoreKey.of(page.items().get(page.items().size() - 1));
      next =
          Cursor.encode(
              LISTING_BY_SCORE,
              last.score() == null ? "" : String.valueOf(last.score()),
              last.hostname());
    }
    return new ServerPage(items, next);
  }

  private static Integer score(String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      throw new InvalidParameter("after", "not a cursor this endpoint issued");
    }
  }

  @GET
  @Path("{hostname}")
  @Operation(
      operationId = "getServer",
      summary = "Show one server",
      description =
          "The listing's fields plus the current report of each kind, the package manager, and"
              + " mounts and services from the current inventory.")
  @APIResponse(
      responseCode = "200",
      description = "The server",
      content = @Content(schema = @Schema(implementation = ServerSummary.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public ServerSummary get(
      @Parameter(example = "web-01.example.org") @PathParam("hostname") String hostname) {
    return ServerSummary.of(catalog.show(hostname));
  }

  @PATCH
  @Path("{hostname}")
  @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
  @Operation(
      operationId = "patchServer",
      summary = "Change a server's labels",
      description =
          "JSON merge patch (RFC 7396): labels given are set, labels given as null are removed,"
              + " others stay.")
  @RequestBody(
      content =
          @Content(
              mediaType = MERGE_PATCH,
              schema = @Schema(implementation = ServerPatch.class),
              examples =
                  @ExampleObject(
                      name = "set env, drop old",
                      value = "{\"labels\": {\"env\": \"prod\", \"old\": null}}")))
  @APIResponse(
      responseCode = "200",
      description = "The server as it is now",
      content = @Content(schema = @Schema(implementation = ServerSummary.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public ServerSummary patch(
      @Parameter(example = "web-01.example.org") @PathParam("hostname") String hostname,
      ServerPatch patch) {
    if (patch == null || patch.labels() == null) {
      return ServerSummary.of(catalog.show(hostname)); // nothing to change
    }
    return ServerSummary.of(catalog.relabel(hostname, patch.labels()));
  }

  @DELETE
  @Path("{hostname}")
  @Operation(
      operationId = "deleteServer",
      summary = "Remove a server",
      description =
          "Deletes the server with all its uploads and snapshots; its agent token stops working."
              + " A server that reports again must enroll again.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public void delete(
      @Parameter(example = "web-01.example.org") @PathParam("hostname") String hostname) {
    catalog.remove(hostname);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
