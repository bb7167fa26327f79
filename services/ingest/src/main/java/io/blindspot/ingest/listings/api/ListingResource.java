package io.blindspot.ingest.listings.api;

import io.blindspot.ingest.agents.application.AuthenticateAgent;
import io.blindspot.ingest.listings.application.ReceiveListing;
import io.blindspot.ingest.listings.application.StoredListing;
import io.blindspot.ingest.problem.Problem;
import io.blindspot.ingest.uploads.application.UploadOutcome;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
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

@Path("/api/v1/agent/backups/{job}/listing")
@Tag(name = "agent")
@SecurityRequirement(name = "agentToken")
public class ListingResource {

  private final AuthenticateAgent authenticate;
  private final ReceiveListing receiveListing;

  ListingResource(AuthenticateAgent authenticate, ReceiveListing receiveListing) {
    this.authenticate = authenticate;
    this.receiveListing = receiveListing;
  }

  @PUT
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "uploadBackupListing",
      summary = "Upload the file listing of a job's latest snapshot",
      description =
          "Replaces the job's current listing: what its latest snapshot really holds, as the tool"
              + " lists it (the Content-Type names the format). The body is streamed and read once"
              + " in constant memory, whatever its size: it is checked against the server's paths"
              + " of interest (every asset of its world, derived from its current inventory and"
              + " packages), and kept gzip-compressed; no row per file is stored. Send"
              + " `Content-Encoding: gzip` to compress; the limit (blindspot.listings.max-bytes,"
              + " 2 GiB by default) counts decompressed bytes. Uploading the same body again"
              + " answers 200 `{\"unchanged\": true}`. The job must be one of the server's current"
              + " jobs (PUT /api/v1/agent/backups).")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = "application/x-restic-ls+json",
            schema = @Schema(type = SchemaType.STRING),
            examples =
                @ExampleObject(
                    name = "restic",
                    summary = "restic ls --json latest",
                    value =
                        "{\"time\":\"2026-11-25T02:00:03Z\",\"paths\":[\"/\"],\"hostname\":\"web1\","
                            + "\"id\":\"7a456fa226f776496bf88b226ff4ba3609f4f2ae5a05314f7cd8b501218d127c\","
                            + "\"short_id\":\"7a456fa2\",\"struct_type\":\"snapshot\"}\n"
                            + "{\"name\":\"etc\",\"type\":\"dir\",\"path\":\"/etc\",\"struct_type\":\"node\"}\n"
                            + "{\"name\":\"fstab\",\"type\":\"file\",\"path\":\"/etc/fstab\",\"struct_type\":\"node\"}\n")),
        @Content(
            mediaType = "application/x-borg-list+json",
            schema = @Schema(type = SchemaType.STRING),
            examples =
                @ExampleObject(
                    name = "borg",
                    summary = "borg list --json-lines REPO::ARCHIVE",
                    value =
                        "{\"type\": \"d\", \"mode\": \"drwxr-xr-x\", \"path\": \"etc\"}\n"
                            + "{\"type\": \"-\", \"mode\": \"-rw-r--r--\", \"path\": \"etc/fstab\"}\n")),
        @Content(
            mediaType = "text/x-dirvish-index",
            schema = @Schema(type = SchemaType.STRING),
            examples =
                @ExampleObject(
                    name = "dirvish",
                    summary = "A dirvish image's index (find -ls), uncompressed",
                    value =
                        "  2 4 drwxr-xr-x  19 root root 4096 Nov 25 03:30 /backup/web1-root/20261125/tree\n"
                            + "  12 4 drwxr-xr-x  80 root root 4096 Nov 24 10:00 /etc\n"
                            + "  13 4 -rw-r--r--   1 root root  612 Nov 20 09:12 /etc/fstab\n")),
        @Content(
            mediaType = "text/x-tar-listing",
            schema = @Schema(type = SchemaType.STRING),
            examples =
                @ExampleObject(
                    name = "tar",
                    summary = "tar -tvf ARCHIVE (or tar -tf)",
                    value =
                        "drwxr-xr-x root/root         0 2026-11-25 02:00 etc/\n"
                            + "-rw-r--r-- root/root       612 2026-11-20 09:12 etc/fstab\n")),
        @Content(
            mediaType = MediaType.TEXT_PLAIN,
            schema = @Schema(type = SchemaType.STRING),
            examples =
                @ExampleObject(
                    name = "plain",
                    summary = "One absolute path per line; a trailing / marks a directory",
                    value = "/etc/\n/etc/fstab\n/var/lib/mysql/\n"))
      })
  @APIResponse(
      responseCode = "201",
      description = "Stored as the job's current listing",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ListingUploadResponse.class),
              examples =
                  @ExampleObject(
                      name = "stored",
                      value =
                          "{\"unchanged\": false, \"entries\": 1843211, \"checked\": 734,"
                              + " \"present\": 729}")))
  @APIResponse(
      responseCode = "200",
      description = "Same body as the job's current listing; nothing stored",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ListingUploadResponse.class),
              examples = @ExampleObject(name = "unchanged", value = "{\"unchanged\": true}")))
  @APIResponse(
      responseCode = "400",
      description =
          "A malformed line (the problem names it, also in violations) or a corrupt gzip body",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples =
                  @ExampleObject(
                      name = "malformed line",
                      value =
                          "{\"type\": \"about:blank\", \"title\": \"Bad Request\", \"status\": 400,"
                              + " \"detail\": \"line 3: path is not absolute: etc/fstab\","
                              + " \"instance\": \"/api/v1/agent/backups/nightly/listing\","
                              + " \"violations\": [{\"field\": \"line 3\", \"message\": \"line 3:"
                              + " path is not absolute: etc/fstab\", \"line\": 3}]}")))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(
      responseCode = "404",
      description = "The server's current jobs do not include this one",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "413",
      description = "Larger than blindspot.listings.max-bytes once decompressed",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
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
      @Parameter(description = "The job's name, as in its descriptor", example = "nightly")
          @PathParam("job")
          String job,
      InputStream body)
      throws IOException {
    UUID serverId = authenticate.serverFor(authorization);
    UploadOutcome<StoredListing> outcome =
        receiveListing.receive(serverId, job, contentType, contentEncoding, body);
    if (outcome instanceof UploadOutcome.Stored<StoredListing> stored) {
      StoredListing listing = stored.result();
      return Response.status(Response.Status.CREATED)
          .entity(
              new ListingUploadResponse(
                  false, listing.entries(), listing.checked(), listing.present()))
          .build();
    }
    return Response.ok(new ListingUploadResponse(true, null, null, null)).build();
  }
}
