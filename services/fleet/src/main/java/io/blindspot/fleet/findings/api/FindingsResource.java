package io.blindspot.fleet.findings.api;

import io.blindspot.core.world.AssetKind;
import io.blindspot.fleet.findings.application.FindingFilter;
import io.blindspot.fleet.findings.application.FindingKey;
import io.blindspot.fleet.findings.application.FindingSort;
import io.blindspot.fleet.findings.application.Findings;
import io.blindspot.fleet.problem.InvalidParameter;
import io.blindspot.fleet.request.CsvWriter;
import io.blindspot.fleet.request.Cursor;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/findings")
@Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
@Tag(name = "Compliance", description = "Policy findings and fleet-wide compliance queries")
public class FindingsResource {

  static final List<String> CSV_HEADER =
      List.of(
          "hostname",
          "policy",
          "severity",
          "requirement",
          "path",
          "status",
          "assetKind",
          "assetStatus",
          "job",
          "message",
          "firstSeen",
          "waiverId",
          "waivedUntil",
          "evidence");
  private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");
  private static final List<String> STATUSES = List.of("fail", "waived");
  private static final List<String> KINDS =
      Arrays.stream(AssetKind.values()).map(AssetKind::id).toList();
  private static final List<String> SORTS =
      Arrays.stream(FindingSort.Field.values()).map(FindingSort.Field::id).toList();
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  private final Findings findings;

  public FindingsResource(Findings findings) {
    this.findings = findings;
  }

  @GET
  @Operation(
      operationId = "listFindings",
      summary = "Failing requirements across the fleet",
      description =
          "One row per failing (or waived) requirement of a policy on a server and asset path,"
              + " with its evidence. All filters given must hold; repeat a parameter or separate"
              + " values by commas to match any of several. The status is the effective one: a"
              + " finding whose waiver expired is `fail` from that instant on. A page at a time"
              + " (pass the `next` of a page as `after`); with `Accept: text/csv`, every matching"
              + " finding in one streamed CSV, no pagination.")
  @APIResponse(
      responseCode = "200",
      description = "One page of findings, or all of them as CSV",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FindingPage.class)),
        @Content(
            mediaType = CsvWriter.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING),
            example =
                "hostname,policy,severity,requirement,path,status,assetKind,assetStatus,job,"
                    + "message,firstSeen,waiverId,waivedUntil,evidence\r\n"
                    + "web-01.example.org,package-db-covered,critical,assets-covered,/var/db/pkg/,"
                    + "fail,package-db,uncovered,nightly,\"/var/db/pkg/ is uncovered, excluded\","
                    + "2026-11-20T03:15:00Z,,,{}\r\n")
      })
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public Response list(
      @Parameter(description = "Policy name", example = "package-db-covered") @QueryParam("policy")
          List<String> policy,
      @Parameter(
              description = "The policy's severity",
              example = "critical",
              schema =
                  @Schema(
                      type = SchemaType.ARRAY,
                      implementation = String.class,
                      enumeration = {"critical", "high", "medium", "low"}))
          @QueryParam("severity")
          List<String> severity,
      @Parameter(description = "The asset's kind", example = "package-db") @QueryParam("assetKind")
          List<String> assetKind,
      @Parameter(description = "The finding's path starts with this", example = "/var/")
          @QueryParam("pathPrefix")
          String pathPrefix,
      @Parameter(
              description = "key:value on the effective labels; repeat for several, all must match",
              example = "env:prod")
          @QueryParam("label")
          List<String> label,
      @Parameter(description = "os-release family or ID of the server", example = "debian")
          @QueryParam("osFamily")
          List<String> osFamily,
      @Parameter(description = "The server has this package installed", example = "mysql-server")
          @QueryParam("package")
          String packageName,
      @Parameter(
              description = "Effective status (an expired waiver counts as fail)",
              example = "fail",
              schema =
                  @Schema(
                      type = SchemaType.ARRAY,
                      implementation = String.class,
                      enumeration = {"fail", "waived"}))
          @QueryParam("status")
          List<String> status,
      @Parameter(
              description =
                  "severity (default: most severe first, then policy, server, requirement, path),"
                      + " hostname, policy or firstSeen",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"severity", "hostname", "policy", "firstSeen"},
                      defaultValue = "severity"))
          @QueryParam("sort")
          String sort,
      @Parameter(
              description = "asc (default) or desc",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"asc", "desc"},
                      defaultValue = "asc"))
          @QueryParam("order")
          String order,
      @Parameter(
              description = "Page size (JSON only)",
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
    FindingFilter filter =
        new FindingFilter(
            QueryParameters.values(policy),
            QueryParameters.oneOf("severity", severity, SEVERITIES),
            QueryParameters.oneOf("assetKind", assetKind, KINDS),
            QueryParameters.text(pathPrefix),
            QueryParameters.labels("label", label),
            QueryParameters.values(osFamily),
            QueryParameters.text(packageName),
            QueryParameters.oneOf("status", status, STATUSES));
    FindingSort findingSort =
        new FindingSort(
            FindingSort.Field.values()[
                SORTS.indexOf(QueryParameters.single("sort", sort, SORTS, "severity"))],
            QueryParameters.single("order", order, List.of("asc", "desc"), "asc").equals("desc"));
    int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    String listing =
        "findings-" + findingSort.field().id() + (findingSort.descending() ? "-" : "+");
    List<String> cursor = Cursor.decode("after", listing, 7, after);
    if (Negotiation.csv(headers)) {
      return CsvWriter.response(
          "findings", CSV_HEADER, csv -> findings.exportCsv(filter, findingSort, csv.stream()));
    }
    Findings.Page page = findings.list(filter, findingSort, key(cursor), pageSize);
    String next = null;
    if (page.more()) {
      next = cursor(listing, FindingKey.of(page.items().get(page.items().size() - 1)));
    }
    return Response.ok(
            new FindingPage(page.items().stream().map(FindingView::of).toList(), next),
            MediaType.APPLICATION_JSON)
        .build();
  }

  private static String cursor(String listing, FindingKey key) {
    return Cursor.encode(
        listing,
        String.valueOf(key.severityRank()),
        key.firstSeen() == null ? "" : key.firstSeen().toString(),
        key.hostname(),
        key.serverId().toString(),
        key.policy(),
        key.requirement(),
        key.path());
  }

  private static FindingKey key(List<String> cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      return new FindingKey(
          Integer.parseInt(cursor.get(0)),
          cursor.get(1).isEmpty() ? null : Instant.parse(cursor.get(1)),
          cursor.get(2),
          UUID.fromString(cursor.get(3)),
          cursor.get(4),
          cursor.get(5),
          cursor.get(6));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new InvalidParameter("after", "not a cursor this endpoint issued");
    }
  }
}
