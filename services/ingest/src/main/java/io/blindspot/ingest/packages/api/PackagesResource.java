package io.blindspot.ingest.packages.api;

import io.blindspot.core.packages.PackageSetDiff;
import io.blindspot.ingest.agents.application.AuthenticateAgent;
import io.blindspot.ingest.packages.application.ReceivePackages;
import io.blindspot.ingest.packages.application.StoredPackages;
import io.blindspot.ingest.problem.Problem;
import io.blindspot.ingest.uploads.application.UploadOutcome;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/agent/packages")
@Tag(name = "agent")
@SecurityRequirement(name = "agentToken")
public class PackagesResource {

  private final AuthenticateAgent authenticate;
  private final ReceivePackages receivePackages;

  PackagesResource(AuthenticateAgent authenticate, ReceivePackages receivePackages) {
    this.authenticate = authenticate;
    this.receivePackages = receivePackages;
  }

  @PUT
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "uploadPackages",
      summary = "Upload the server's installed packages",
      description =
          "Replaces the server's current package snapshot. The Content-Type names the format:"
              + " the package manager's own database as it sits on disk, or the canonical JSON."
              + " Send `Content-Encoding: gzip` to compress; the limit"
              + " (blindspot.uploads.max-bytes) counts decompressed bytes. Uploading the same body"
              + " again answers 200 `{\"unchanged\": true}` without parsing it. A new body answers"
              + " 201 with what changed against the previous snapshot.")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = "text/x-dpkg-status",
            schema = @Schema(type = SchemaType.STRING),
            examples =
                @ExampleObject(
                    name = "dpkg",
                    summary = "/var/lib/dpkg/status as-is",
                    value =
                        "Package: openssl\nStatus: install ok installed\nArchitecture: amd64\n"
                            + "Version: 3.0.15-1~deb12u1\nConffiles:\n"
                            + " /etc/ssl/openssl.cnf 5a1f0b39ba6a0b7e2b1a9b0c2c6c3d4e\n")),
        @Content(
            mediaType = "application/x-portage-vdb",
            schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples =
                @ExampleObject(
                    name = "portage",
                    summary =
                        "tar -C / -czf - var/db/pkg var/lib/portage/world"
                            + " var/lib/portage/world_sets",
                    value = "(binary tar)")),
        @Content(
            mediaType = "text/x-rpm-qa",
            schema = @Schema(type = SchemaType.STRING),
            examples =
                @ExampleObject(
                    name = "rpm",
                    summary =
                        "rpm -qa --qf"
                            + " '%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{INSTALLTIME}\\t%{VENDOR}\\n'",
                    value =
                        "openssl\t1\t3.0.7\t27.el9\tx86_64\t1700000000\tRocky Enterprise Software"
                            + " Foundation\n")),
        @Content(
            mediaType = "text/x-apk-installed",
            schema = @Schema(type = SchemaType.STRING),
            examples =
                @ExampleObject(
                    name = "apk",
                    summary = "/lib/apk/db/installed as-is",
                    value = "P:musl\nV:1.2.5-r0\nA:x86_64\n\n")),
        @Content(
            mediaType = "application/x-pacman-local",
            schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples =
                @ExampleObject(
                    name = "pacman",
                    summary = "tar -C / -czf - var/lib/pacman/local",
                    value = "(binary tar)")),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT),
            examples =
                @ExampleObject(
                    name = "canonical",
                    summary = "The canonical package set",
                    value =
                        "{\"manager\": \"dpkg\", \"packages\": [{\"name\": \"openssl\", \"version\":"
                            + " \"3.0.15-1~deb12u1\", \"arch\": \"amd64\", \"reason\":"
                            + " \"explicit\"}], \"world\": [], \"worldSets\": []}"))
      })
  @APIResponse(
      responseCode = "201",
      description = "Stored as the new current snapshot",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PackagesUploadResponse.class),
              examples =
                  @ExampleObject(
                      name = "stored",
                      value =
                          "{\"unchanged\": false, \"snapshotId\": 42, \"summary\": {\"manager\":"
                              + " \"dpkg\", \"packages\": 712, \"added\": [\"curl.amd64\"],"
                              + " \"removed\": [], \"changed\": [{\"key\": \"openssl.amd64\","
                              + " \"from\": \"3.0.15-1~deb12u1\", \"to\":"
                              + " \"3.0.17-1~deb12u2\"}]}}")))
  @APIResponse(
      responseCode = "200",
      description = "Same body as the current snapshot; nothing stored or parsed",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PackagesUploadResponse.class),
              examples = @ExampleObject(name = "unchanged", value = "{\"unchanged\": true}")))
  @APIResponse(
      responseCode = "400",
      description =
          "Malformed content (the problem names the entry and line, also in violations) or a"
              + " corrupt gzip body",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "413", ref = "TooLarge")
  @APIResponse(
      responseCode = "415",
      description =
          "An unknown Content-Type (the problem lists the supported ones) or Content-Encoding",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response upload(
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Parameter(
              in = ParameterIn.HEADER,
              description = "gzip when the body is gzip-compressed",
              schema = @Schema(enumeration = {"gzip", "identity"}))
          @HeaderParam(HttpHeaders.CONTENT_ENCODING)
          String contentEncoding,
      byte[] body)
      throws IOException {
    UUID serverId = authenticate.serverFor(authorization);
    UploadOutcome<StoredPackages> outcome =
        receivePackages.receive(serverId, contentType, contentEncoding, body);
    if (outcome instanceof UploadOutcome.Stored<StoredPackages> stored) {
      return Response.status(Response.Status.CREATED).entity(stored(stored.result())).build();
    }
    return Response.ok(new PackagesUploadResponse(true, null, null)).build();
  }

  private static PackagesUploadResponse stored(StoredPackages stored) {
    PackageSetDiff diff = stored.diff();
    return new PackagesUploadResponse(
        false,
        stored.snapshotId(),
        new PackagesUploadResponse.Summary(
            stored.manager().id(),
            stored.packageCount(),
            diff.added().stream().map(PackageSetDiff.PackageVersion::key).toList(),
            diff.removed().stream().map(PackageSetDiff.PackageVersion::key).toList(),
            diff.changed().stream()
                .map(c -> new PackagesUploadResponse.Change(c.key(), c.from(), c.to()))
                .toList()));
  }
}
