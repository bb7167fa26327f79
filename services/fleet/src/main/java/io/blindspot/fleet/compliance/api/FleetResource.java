package io.blindspot.fleet.compliance.api;

import io.blindspot.fleet.compliance.application.FleetQueries;
import io.blindspot.fleet.compliance.application.FleetScope;
import io.blindspot.fleet.compliance.application.FleetSummary;
import io.blindspot.fleet.compliance.application.PackageData;
import io.blindspot.fleet.compliance.application.PathCoverage;
import io.blindspot.fleet.compliance.application.StaleJob;
import io.blindspot.fleet.compliance.application.TrendCount;
import io.blindspot.fleet.labels.Labels;
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
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/fleet")
@Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
@Tag(name = "Compliance", description = "Policy findings and fleet-wide compliance queries")
public class FleetResource {

  private static final String CSV_STRING = "A header row, then one row per item; no pagination";
  private static final List<String> ASSET_STATUSES =
      List.of("covered", "verified", "partial", "stale", "missing-from-snapshot", "uncovered");
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;
  private static final int MAX_TREND_DAYS = 400;
  private static final Duration DEFAULT_STALE = Duration.ofHours(26);

  private final FleetQueries queries;

  public FleetResource(FleetQueries queries) {
    this.queries = queries;
  }

  @GET
  @Path("summary")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "getFleetSummary",
      summary = "The fleet at a glance",
      description =
          "Servers by readiness, each policy's results by effective status (an expired waiver"
              + " counts as fail), failing findings by severity; with `groupBy`, the same per"
              + " value of that label (servers without it in \"(none)\"). `label` and `osFamily`"
              + " narrow the servers counted.")
  @APIResponse(
      responseCode = "200",
      description = "The summary",
      content = @Content(schema = @Schema(implementation = FleetSummaryView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public FleetSummaryView summary(
      @Parameter(description = "A label key to group by", example = "env") @QueryParam("groupBy")
          String groupBy,
      @Parameter(description = "key:value on the effective labels; all must match")
          @QueryParam("label")
          List<String> label,
      @Parameter(description = "os-release family or ID", example = "debian")
          @QueryParam("osFamily")
          List<String> osFamily) {
    return FleetSummaryView.of(queries.summary(scope(label, osFamily), groupBy(groupBy)));
  }

  @GET
  @Path("paths")
  @Operation(
      operationId = "getFleetPath",
      summary = "Where a path matters, and whether backups keep it",
      description =
          "For every server with an asset at the path or containing it (the nearest such"
              + " asset): its status, the jobs that keep it, or each job's reason and the rule"
              + " that hides it. By hostname, a page at a time; all of it with `Accept:"
              + " text/csv`.")
  @APIResponse(
      responseCode = "200",
      description = "One page of servers",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Pages.PathPage.class)),
        @Content(
            mediaType = CsvWriter.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING, description = CSV_STRING),
            example =
                "hostname,asset,exact,kind,severity,status,coveredBy,hiddenBy\r\n"
                    + "web-01.example.org,/var/db/pkg/,true,package-db,critical,uncovered,,"
                    + "web1 excluded-by-rule /etc/dirvish/master.conf:5 /var/db\r\n")
      })
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public Response paths(
      @Parameter(description = "An absolute path", required = true, example = "/var/db/pkg")
          @QueryParam("path")
          String path,
      @Parameter(description = "key:value on the effective labels; all must match")
          @QueryParam("label")
          List<String> label,
      @Parameter(description = "os-release family or ID", example = "gentoo")
          @QueryParam("osFamily")
          List<String> osFamily,
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
    String absolute = absolutePath(path);
    FleetScope scope = scope(label, osFamily);
    int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    List<String> cursor = Cursor.decode("after", "paths", 1, after);
    if (Negotiation.csv(headers)) {
      return CsvWriter.response(
          "paths",
          List.of(
              "hostname", "asset", "exact", "kind", "severity", "status", "coveredBy", "hiddenBy"),
          csv ->
              queries.exportPaths(
                  scope,
                  absolute,
                  c -> {
                    PathCoverageView v = PathCoverageView.of(absolute, c);
                    csv.row(
                        v.hostname(),
                        v.asset(),
                        v.exact(),
                        v.kind(),
                        v.severity(),
                        v.status(),
                        String.join(" ", v.coveredBy()),
                        v.hiddenBy().stream()
                            .map(FleetResource::hiddenBy)
                            .collect(Collectors.joining("; ")));
                  }));
    }
    FleetQueries.Page<PathCoverage> page =
        queries.paths(scope, absolute, cursor == null ? null : cursor.get(0), pageSize);
    String next =
        page.more()
            ? Cursor.encode("paths", page.items().get(page.items().size() - 1).hostname())
            : null;
    return json(
        new Pages.PathPage(
            absolute,
            page.items().stream().map(c -> PathCoverageView.of(absolute, c)).toList(),
            next));
  }

  /** "job reason file:line text" of a job verdict, for one CSV field. */
  @SuppressWarnings("unchecked")
  private static String hiddenBy(Map<String, Object> verdict) {
    StringBuilder text = new StringBuilder();
    text.append(verdict.get("job")).append(' ').append(verdict.get("reason"));
    Object rule = verdict.get("rule") != null ? verdict.get("rule") : verdict.get("hiddenRule");
    if (rule instanceof Map<?, ?> map) {
      Map<String, Object> r = (Map<String, Object>) map;
      text.append(' ').append(r.get("file")).append(':').append(r.get("line"));
      text.append(' ').append(r.get("text"));
    }
    return text.toString();
  }

  @GET
  @Path("packages")
  @Operation(
      operationId = "getFleetPackageData",
      summary = "A package's service data across the fleet",
      description =
          "Servers that have the package installed, with each data asset of the service the"
              + " package brings (kind service-data, per the knowledge base) and its status."
              + " `assetStatus` keeps the assets of those statuses, e.g. `uncovered`: servers"
              + " that run the package and whose data is not backed up. By hostname and asset, a"
              + " page at a time; all of it with `Accept: text/csv`.")
  @APIResponse(
      responseCode = "200",
      description = "One page of assets",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Pages.PackageDataPage.class)),
        @Content(
            mediaType = CsvWriter.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING, description = CSV_STRING),
            example =
                "hostname,package,versions,asset,severity,status,provenance\r\n"
                    + "db-01.example.org,mysql-server,8.0.39-1,/var/lib/mysql/,critical,"
                    + "uncovered,MySQL / MariaDB data: package mysql-server is installed\r\n")
      })
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public Response packages(
      @Parameter(
              description = "Package name, or category/name for Gentoo",
              required = true,
              example = "mysql-server")
          @QueryParam("name")
          String name,
      @Parameter(
              description = "Only assets of these statuses",
              example = "uncovered",
              schema =
                  @Schema(
                      type = SchemaType.ARRAY,
                      implementation = String.class,
                      enumeration = {
                        "covered",
                        "verified",
                        "partial",
                        "stale",
                        "missing-from-snapshot",
                        "uncovered"
                      }))
          @QueryParam("assetStatus")
          List<String> assetStatus,
      @Parameter(description = "key:value on the effective labels; all must match")
          @QueryParam("label")
          List<String> label,
      @Parameter(description = "os-release family or ID", example = "debian")
          @QueryParam("osFamily")
          List<String> osFamily,
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
    String qualified = QueryParameters.text(name);
    if (qualified == null) {
      throw new InvalidParameter("name", "a package name is required");
    }
    int slash = qualified.indexOf('/');
    String category = slash < 0 ? null : qualified.substring(0, slash);
    String packageName = slash < 0 ? qualified : qualified.substring(slash + 1);
    if (packageName.isEmpty() || (category != null && category.isEmpty())) {
      throw new InvalidParameter("name", "expected NAME or CATEGORY/NAME, got '" + name + "'");
    }
    Set<String> statuses = QueryParameters.oneOf("assetStatus", assetStatus, ASSET_STATUSES);
    FleetScope scope = scope(label, osFamily);
    int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    List<String> cursor = Cursor.decode("after", "package-data", 2, after);
    if (Negotiation.csv(headers)) {
      return CsvWriter.response(
          "package-data",
          List.of("hostname", "package", "versions", "asset", "severity", "status", "provenance"),
          csv ->
              queries.exportPackageData(
                  scope,
                  category,
                  packageName,
                  statuses,
                  d ->
                      csv.row(
                          d.hostname(),
                          d.packageName(),
                          d.versions(),
                          d.assetPath(),
                          d.severity(),
                          d.status(),
                          d.provenance())));
    }
    FleetQueries.Page<PackageData> page =
        queries.packageData(
            scope,
            category,
            packageName,
            statuses,
            cursor == null ? null : cursor.get(0),
            cursor == null ? null : cursor.get(1),
            pageSize);
    String next = null;
    if (page.more()) {
      PackageData last = page.items().get(page.items().size() - 1);
      next = Cursor.encode("package-data", last.hostname(), last.assetPath());
    }
    return json(
        new Pages.PackageDataPage(page.items().stream().map(PackageDataView::of).toList(), next));
  }

  @GET
  @Path("backups")
  @Operation(
      operationId = "getFleetStaleBackups",
      summary = "Backup jobs that are stale or never succeeded",
      description =
          "Jobs whose newest known success is older than `staleFor` (default PT26H), or that"
              + " never succeeded, by hostname and job; a page at a time, all of them with"
              + " `Accept: text/csv`.")
  @APIResponse(
      responseCode = "200",
      description = "One page of jobs",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Pages.StaleJobPage.class)),
        @Content(
            mediaType = CsvWriter.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING, description = CSV_STRING),
            example =
                "hostname,job,tool,schedule,lastSuccessAt,lastStatus,lastFinishedAt\r\n"
                    + "web-01.example.org,nightly,rsync,0 3 * * *,2026-11-20T03:12:40Z,failure,"
                    + "2026-11-25T03:01:00Z\r\n")
      })
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public Response backups(
      @Parameter(
              description = "How old the newest success may be (ISO-8601 duration)",
              example = "PT26H",
              schema =
                  @Schema(type = SchemaType.STRING, format = "duration", defaultValue = "PT26H"))
          @QueryParam("staleFor")
          String staleFor,
      @Parameter(description = "key:value on the effective labels; all must match")
          @QueryParam("label")
          List<String> label,
      @Parameter(description = "os-release family or ID", example = "debian")
          @QueryParam("osFamily")
          List<String> osFamily,
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
    Duration age =
        Objects.requireNonNullElse(
            QueryParameters.positiveDuration("staleFor", staleFor), DEFAULT_STALE);
    FleetScope scope = scope(label, osFamily);
    int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    List<String> cursor = Cursor.decode("after", "stale-jobs", 2, after);
    if (Negotiation.csv(headers)) {
      return CsvWriter.response(
          "stale-backups",
          List.of(
              "hostname",
              "job",
              "tool",
              "schedule",
              "lastSuccessAt",
              "lastStatus",
              "lastFinishedAt"),
          csv ->
              queries.exportStaleJobs(
                  scope,
                  age,
                  j ->
                      csv.row(
                          j.hostname(),
                          j.job(),
                          j.tool(),
                          j.schedule(),
                          j.lastSuccessAt(),
                          j.lastStatus(),
                          j.lastFinishedAt())));
    }
    FleetQueries.Page<StaleJob> page =
        queries.staleJobs(
            scope,
            age,
            cursor == null ? null : cursor.get(0),
            cursor == null ? null : cursor.get(1),
            pageSize);
    String next = null;
    if (page.more()) {
      StaleJob last = page.items().get(page.items().size() - 1);
      next = Cursor.encode("stale-jobs", last.hostname(), last.job());
    }
    return json(new Pages.StaleJobPage(page.items().stream().map(StaleJobView::of).toList(), next));
  }

  @GET
  @Path("trend")
  @Operation(
      operationId = "getComplianceTrend",
      summary = "Daily compliance over time",
      description =
          "Per day, how many server × policy results were pass, fail, waived and"
              + " not-applicable, from the daily history (kept blindspot.history.retention,"
              + " 400 days by default); `groupBy` splits each day by a label's value. Days"
              + " without history are absent. CSV with `Accept: text/csv`.")
  @APIResponse(
      responseCode = "200",
      description = "The days",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TrendView.class)),
        @Content(
            mediaType = CsvWriter.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING, description = CSV_STRING),
            example = "day,group,pass,fail,waived,notApplicable\r\n2026-11-25,,9000,700,30,270\r\n")
      })
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public Response trend(
      @Parameter(
              description = "Policy names; all policies when absent",
              example = "package-db-covered")
          @QueryParam("policy")
          List<String> policy,
      @Parameter(
              description = "First day (UTC), default 30 days before `to`",
              example = "2026-11-01",
              schema = @Schema(type = SchemaType.STRING, format = "date"))
          @QueryParam("from")
          String from,
      @Parameter(
              description = "Last day (UTC), default today",
              example = "2026-11-30",
              schema = @Schema(type = SchemaType.STRING, format = "date"))
          @QueryParam("to")
          String to,
      @Parameter(description = "A label key to group by", example = "env") @QueryParam("groupBy")
          String groupBy,
      @Parameter(description = "key:value on the effective labels; all must match")
          @QueryParam("label")
          List<String> label,
      @Parameter(description = "os-release family or ID", example = "debian")
          @QueryParam("osFamily")
          List<String> osFamily,
      @Context HttpHeaders headers) {
    LocalDate last = day("to", to);
    if (last == null) {
      last = LocalDate.now(ZoneOffset.UTC);
    }
    LocalDate first = day("from", from);
    if (first == null) {
      first = last.minusDays(30);
    }
    if (first.isAfter(last)) {
      throw new InvalidParameter("from", "must not be after `to` (" + last + ")");
    }
    if (first.plusDays(MAX_TREND_DAYS).isBefore(last)) {
      throw new InvalidParameter("from", "at most " + MAX_TREND_DAYS + " days before `to`");
    }
    Set<String> policies = QueryParameters.values(policy);
    String key = groupBy(groupBy);
    List<TrendView.Day> days =
        days(queries.trend(scope(label, osFamily), policies, first, last, key));
    if (Negotiation.csv(headers)) {
      return CsvWriter.response(
          "trend",
          List.of("day", "group", "pass", "fail", "waived", "notApplicable"),
          csv ->
              days.forEach(
                  d ->
                      csv.row(
                          d.day(), d.group(), d.pass(), d.fail(), d.waived(), d.notApplicable())));
    }
    return json(new TrendView(List.copyOf(policies), first, last, key, days));
  }

  private static List<TrendView.Day> days(List<TrendCount> counts) {
    Map<List<Object>, long[]> byDay = new LinkedHashMap<>();
    for (TrendCount count : counts) {
      long[] statuses =
          byDay.computeIfAbsent(
              java.util.Arrays.asList(count.day(), count.group()), k -> new long[4]);
      int index = FleetSummary.STATUSES.indexOf(count.status());
      if (index >= 0) {
        statuses[index] += count.count();
      }
    }
    List<TrendView.Day> days = new ArrayList<>();
    byDay.forEach(
        (key, s) ->
            days.add(
                new TrendView.Day(
                    (LocalDate) key.get(0), (String) key.get(1), s[0], s[1], s[2], s[3])));
    return days;
  }

  private static LocalDate day(String name, String raw) {
    String text = QueryParameters.text(raw);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidParameter(name, "must be a date such as 2026-11-25, got '" + raw + "'");
    }
  }

  private static String groupBy(String raw) {
    String key = QueryParameters.text(raw);
    if (key != null) {
      Labels.checkKey("groupBy", key);
    }
    return key;
  }

  private static String absolutePath(String raw) {
    String path = QueryParameters.text(raw);
    if (path == null) {
      throw new InvalidParameter("path", "an absolute path is required, e.g. /var/db/pkg");
    }
    if (!path.startsWith("/") || path.contains("//") || path.contains("\0")) {
      throw new InvalidParameter(
          "path", "must be an absolute path such as /var/db/pkg, got '" + raw + "'");
    }
    return path;
  }

  private static FleetScope scope(List<String> label, List<String> osFamily) {
    return new FleetScope(QueryParameters.labels("label", label), QueryParameters.values(osFamily));
  }

  private static Response json(Object body) {
    return Response.ok(body, MediaType.APPLICATION_JSON).build();
  }
}
