package io.blindspot.fleet.packages.api;

import io.blindspot.core.packages.PackageManager;
import io.blindspot.fleet.packages.application.InstallationKey;
import io.blindspot.fleet.packages.application.PackageInstallation;
import io.blindspot.fleet.packages.application.PackageQuery;
import io.blindspot.fleet.packages.application.PackageSearch;
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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/packages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Packages", description = "Installed packages, per server and fleet-wide")
public class PackageResource {

  private static final String LISTING = "installations";
  private static final int DEFAULT_LIMIT = 1000;
  private static final int MAX_LIMIT = 10000;

  private final PackageSearch search;

  public PackageResource(PackageSearch search) {
    this.search = search;
  }

  @GET
  @Operation(
      operationId = "findPackageInstallations",
      summary = "Which servers have a package",
      description =
          "From each server's current package snapshot, by hostname. `versionBelow` and"
              + " `versionAtLeast` compare with each package manager's own version ordering"
              + " (dpkg: 1.0~rc1 < 1.0, 1:0.9 > 2.0; rpm: 1.10 > 1.9; Gentoo: 1.0_rc1 < 1.0 <"
              + " 1.0-r1).")
  @APIResponse(
      responseCode = "200",
      description = "One page of installations",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InstallationPage.class)),
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
  public Response find(
      @Parameter(
              description = "Package name, or category/name for Gentoo",
              required = true,
              example = "openssl")
          @QueryParam("name")
          String name,
      @Parameter(
              description =
                  "Only versions lower than this (full version, [epoch:]version[-release])",
              example = "3.0.15-1~deb12u1")
          @QueryParam("versionBelow")
          String versionBelow,
      @Parameter(description = "Only versions at least this", example = "3.0.0")
          @QueryParam("versionAtLeast")
          String versionAtLeast,
      @Parameter(
              description = "Only this package manager",
              example = "dpkg",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"portage", "dpkg", "rpm", "apk", "pacman"}))
          @QueryParam("manager")
          String manager,
      @Parameter(
              description = "Page size",
              example = "1000",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "10000",
                      defaultValue = "1000"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "The `next` of the previous page") @QueryParam("after") String after,
      @Context HttpHeaders headers) {
    PackageQuery query = PackageSearch.query(name, manager(manager), versionBelow, versionAtLeast);
    int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    List<String> cursor = Cursor.decode("after", LISTING, 3, after);
    if (Negotiation.csv(headers)) {
      return CsvWriter.records(
          "installations",
          InstallationView.class,
          sink -> {
            InstallationKey position = null;
            PackageSearch.Page batch;
            do {
              batch = search.search(query, position, MAX_LIMIT);
              batch.items().forEach(item -> sink.accept(InstallationView.of(item)));
              if (!batch.items().isEmpty()) {
                PackageInstallation last = batch.items().get(batch.items().size() - 1);
                position = new InstallationKey(last.hostname(), last.packageKey(), last.version());
              }
            } while (batch.more());
          });
    }
    InstallationKey position =
        cursor == null ? null : new InstallationKey(cursor.get(0), cursor.get(1), cursor.get(2));
    PackageSearch.Page page = search.search(query, position, pageSize);
    String next = null;
    if (page.more()) {
      PackageInstallation last = page.items().get(page.items().size() - 1);
      next = Cursor.encode(LISTING, last.hostname(), last.packageKey(), last.version());
    }
    return Response.ok(
            new InstallationPage(page.items().stream().map(InstallationView::of).toList(), next),
            MediaType.APPLICATION_JSON)
        .build();
  }

  private static PackageManager manager(String id) {
    if (id == null || id.isBlank()) {
      return null;
    }
    try {
      return PackageManager.fromId(id.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidParameter(
          "manager",
          "unknown package manager '"
              + id
              + "'; one of "
              + Arrays.stream(PackageManager.values())
                  .map(PackageManager::id)
                  .collect(Collectors.joining(", ")));
    }
  }
}
