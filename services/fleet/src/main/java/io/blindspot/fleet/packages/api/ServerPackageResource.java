package io.blindspot.fleet.packages.api;

import io.blindspot.fleet.packages.application.ServerPackages;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/servers/{hostname}/packages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Packages", description = "Installed packages, per server and fleet-wide")
public class ServerPackageResource {

  static final String DPKG_STATUS = "text/x-dpkg-status";
  static final String RPM_QA = "text/x-rpm-qa";
  static final String APK_INSTALLED = "text/x-apk-installed";
  private static final String LISTING = "history";
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;

  private final ServerPackages packages;

  public ServerPackageResource(ServerPackages packages) {
    this.packages = packages;
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, DPKG_STATUS, RPM_QA, APK_INSTALLED})
  @Operation(
      operationId = "getServerPackages",
      summary = "The server's current packages",
      description =
          "The current package snapshot in canonical PackageSet JSON, or with `format` in the"
              + " manager's native text format (dpkg status, rpm -qa columns, apk installed"
              + " database) holding what Blindspot keeps: names, versions, architectures, config"
              + " files.")
  @APIResponse(
      responseCode = "200",
      description = "The package set",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PackageSetDocument.class)),
        @Content(
            mediaType = DPKG_STATUS,
            schema = @Schema(type = SchemaType.STRING),
            example =
                "Package: openssl\nStatus: install ok installed\nArchitecture: amd64\nVersion:"
                    + " 3.0.15-1~deb12u1\n\n"),
        @Content(
            mediaType = RPM_QA,
            schema = @Schema(type = SchemaType.STRING),
            example = "bash\t0\t5.1.8\t9.el9\tx86_64\t0\tRocky Enterprise Software Foundation\n"),
        @Content(
            mediaType = APK_INSTALLED,
            schema = @Schema(type = SchemaType.STRING),
            example = "P:musl\nV:1.2.5-r0\nA:x86_64\n\n")
      })
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "409", ref = "Conflict")
  public Response current(
      @Parameter(example = "web-01.example.org") @PathParam("hostname") String hostname,
      @Parameter(
              description =
                  "json (canonical, default) or the native text format of the server's manager;"
                      + " the format of another manager is a 409",
              example = "dpkg-status",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"json", "dpkg-status", "rpm-qa", "apk-installed"},
                      defaultValue = "json"))
          @QueryParam("format")
          String format) {
    NativePackageList list = NativePackageList.of(format);
    String body = list.render(packages.current(hostname));
    return Response.ok(body, list.mediaType()).build();
  }

  @GET
  @Path("history")
  @Operation(
      operationId = "getServerPackageHistory",
      summary = "The server's package snapshots",
      description =
          "Newest first, each with its diff against the previous one; pass `next` as `after` for"
              + " older ones.")
  @APIResponse(
      responseCode = "200",
      description = "One page of snapshots",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PackageHistoryPage.class)),
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
    Long before = cursor == null ? null : snapshotId(cursor.get(0));
    if (Negotiation.csv(headers)) {
      packages.history(hostname, null, 1); // a 404 before the 200 starts
      return CsvWriter.records(
          "package-history-" + hostname,
          PackageSnapshotView.class,
          sink -> {
            Long position = null;
            ServerPackages.HistoryPage batch;
            do {
              batch = packages.history(hostname, position, MAX_LIMIT);
              batch.items().forEach(item -> sink.accept(PackageSnapshotView.of(item)));
              if (!batch.items().isEmpty()) {
                position = batch.items().get(batch.items().size() - 1).snapshotId();
              }
            } while (batch.more());
          });
    }
    ServerPackages.HistoryPage page = packages.history(hostname, before, pageSize);
    String next =
        page.more()
            ? Cursor.encode(
                LISTING, String.valueOf(page.items().get(page.items().size() - 1).snapshotId()))
            : null;
    return Response.ok(
            new PackageHistoryPage(
                page.items().stream().map(PackageSnapshotView::of).toList(), next),
            MediaType.APPLICATION_JSON)
        .build();
  }

  private static Long snapshotId(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new InvalidParameter("after", "not a cursor this endpoint issued");
    }
  }
}
