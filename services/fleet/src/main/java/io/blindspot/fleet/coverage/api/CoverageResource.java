package io.blindspot.fleet.coverage.api;

import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.core.coverage.CoverageStatus;
import io.blindspot.core.world.AssetKind;
import io.blindspot.core.world.Severity;
import io.blindspot.fleet.coverage.application.AssetFilter;
import io.blindspot.fleet.coverage.application.CoverageMarkdown;
import io.blindspot.fleet.coverage.application.ServerCoverage;
import io.blindspot.fleet.problem.InvalidParameter;
import io.blindspot.fleet.request.CsvWriter;
import io.blindspot.fleet.request.Cursor;
import io.blindspot.fleet.request.Negotiation;
import io.blindspot.fleet.request.QueryParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/servers/{hostname}/coverage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Coverage", description = "What each server's backups cover, and what they miss")
public class CoverageResource {

  static final String MARKDOWN = "text/markdown";
  private static final String LISTING = "coverage-history";
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;
  private static final List<String> STATUSES =
      Arrays.stream(CoverageStatus.values()).map(CoverageStatus::id).toList();
  private static final List<String> KINDS =
      Arrays.stream(AssetKind.values()).map(AssetKind::id).toList();
  private static final List<String> SEVERITIES =
      Arrays.stream(Severity.values()).map(Severity::id).toList();

  private final ServerCoverage coverage;

  public CoverageResource(ServerCoverage coverage) {
    this.coverage = coverage;
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, MARKDOWN})
  @Operation(
      operationId = "getServerCoverage",
      summary = "The server's current coverage",
      description =
          "Every asset a restore needs, whether some job keeps it, which rule hides it if not, how"
              + " to fix the rule, and the readiness and score. `status`, `kind` and `severity`"
              + " narrow the assets (repeat them or separate values by commas; each given must"
              + " hold). With `Accept: text/markdown`, a report for people: what is missed and"
              + " why, the fixes, the drift.")
  @APIResponse(
      responseCode = "200",
      description = "The current coverage",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CoverageView.class)),
        @Content(
            mediaType = MARKDOWN,
            schema = @Schema(type = SchemaType.STRING),
            example =
                "# Coverage of web-01.example.org: NOT_RESTORABLE (score 12/100)\n\n"
                    + "## What the backups miss\n\n"
                    + "| Asset | Kind | Severity | Status | Why | Rule |\n"
                    + "| --- | --- | --- | --- | --- | --- |\n"
                    + "| `/var/db/pkg/` | package-db | critical | uncovered |"
                    + " web1: excluded-by-rule | `/etc/dirvish/master.conf:5` `/var/db` |\n")
      })
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(
      responseCode = "404",
      ref = "NotFound",
      description = "No such server, or its coverage has not been evaluated yet")
  public Response current(
      @Parameter(example = "web-01.example.org") @PathParam("hostname") String hostname,
      @Parameter(
              description = "Only assets of these statuses",
              example = "uncovered,partial",
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = AssetFilterValues.Status.class))
          @QueryParam("status")
          List<String> status,
      @Parameter(
              description = "Only assets of these kinds",
              example = "package-db",
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = AssetFilterValues.Kind.class))
          @QueryParam("kind")
          List<String> kind,
      @Parameter(
              description = "Only assets of these severities",
              example = "critical",
              schema =
                  @Schema(
                      type = SchemaType.ARRAY,
                      implementation = AssetFilterValues.Severity.class))
          @QueryParam("severity")
          List<String> severity,
      @Context HttpHeaders headers) {
    AssetFilter filter =
        new AssetFilter(
            QueryParameters.oneOf("status", status, STATUSES),
            QueryParameters.oneOf("kind", kind, KINDS),
            QueryParameters.oneOf("severity", severity, SEVERITIES));
    String mediaType = Negotiation.choose(headers, MediaType.APPLICATION_JSON, MARKDOWN);
    CoverageDocument document = coverage.current(hostname, filter);
    if (mediaType.equals(MARKDOWN)) {
      return Response.ok(CoverageMarkdown.render(document), MARKDOWN + "; charset=utf-8").build();
    }
    return Response.ok(CoverageView.of(document), MediaType.APPLICATION_JSON).build();
  }

  @GET
  @Path("history")
  @Operation(
      operationId = "getServerCoverageHistory",
      summary = "The server's coverage history",
      description =
          "Every evaluation whose outcome changed, newest first, with its readiness, score and"
              + " the number of assets of each status; pass `next` as `after` for older ones.")
  @APIResponse(
      responseCode = "200",
      description = "One page of reports",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CoverageHistoryPage.class)),
        @Content(
            mediaType = CsvWriter.MEDIA_TYPE,
            schema =
                @Schema(
                    type = SchemaType.STRING,
                    description = "A header row of the JSON field names, then one row per item"))
      })
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
  public Response history(
      @Parameter(example = "web-01.example.org") @PathParam("hostname") String hostname,
      @Parameter(
              description = "Page size",
              example = "50",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "500",
                      defaultValue = "50"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "The `next` of the previous page") @QueryParam("after") String after,
      @Context HttpHeaders headers) {
    int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    List<String> cursor = Cursor.decode("after", LISTING, 1, after);
    Long before = cursor == null ? null : reportId(cursor.get(0));
    if (Negotiation.csv(headers)) {
      coverage.history(hostname, null, 1); // a 404 before the 200 starts
      return CsvWriter.records(
          "coverage-history-" + hostname,
          CoverageHistoryPage.Item.class,
          sink -> {
            Long position = null;
            ServerCoverage.HistoryPage batch;
            do {
              batch = coverage.history(hostname, position, MAX_LIMIT);
              batch.items().forEach(item -> sink.accept(CoverageHistoryPage.Item.of(item)));
              if (!batch.items().isEmpty()) {
                position = batch.items().get(batch.items().size() - 1).reportId();
              }
            } while (batch.more());
          });
    }
    ServerCoverage.HistoryPage page = coverage.history(hostname, before, pageSize);
    String next =
        page.more()
            ? Cursor.encode(
                LISTING, String.valueOf(page.items().get(page.items().size() - 1).reportId()))
            : null;
    return Response.ok(
            new CoverageHistoryPage(
                page.items().stream().map(CoverageHistoryPage.Item::of).toList(), next),
            MediaType.APPLICATION_JSON)
        .build();
  }

  private static Long reportId(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new InvalidParameter("after", "not a cursor this endpoint issued");
    }
  }
}
