package io.blindspot.ingest.backups.api;

import io.blindspot.ingest.agents.application.AuthenticateAgent;
import io.blindspot.ingest.backups.application.ReceiveBackups;
import io.blindspot.ingest.backups.application.StoredBackups;
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

@Path("/api/v1/agent/backups")
@Tag(name = "agent")
@SecurityRequirement(name = "agentToken")
public class BackupsResource {

  static final String RSYNC_EXAMPLE =
      """
      [{"name": "nightly", "tool": "rsync",
        "command": ["rsync", "-aHAX", "--delete", "--one-file-system",
                    "--exclude-from=/etc/backup/excludes", "/", "backup@nas:/srv/backup/web1/"],
        "files": {"/etc/backup/excludes": "/proc/\\n/sys/\\n/dev/\\n/run/\\n/tmp/\\n/var/cache/\\n/var/db\\n"},
        "schedule": "0 2 * * *",
        "lastRun": {"startedAt": "2026-11-25T02:00:00Z", "finishedAt": "2026-11-25T02:14:31Z",
                    "status": "success"}}]
      """;

  static final String DIRVISH_EXAMPLE =
      """
      [{"name": "dirvish-root", "tool": "dirvish",
        "command": ["dirvish", "--vault", "web1-root"],
        "files": {"/etc/dirvish/master.conf": "bank:\\n\\t/backup\\nexclude:\\n\\tlost+found/\\n\\t/proc/\\n\\t/var/db\\nimage-default: %Y%m%d\\n",
                  "/backup/web1-root/dirvish/default.conf": "client: web1\\ntree: /\\nxdev: 1\\nindex: gzip\\n"},
        "schedule": "30 3 * * *",
        "lastRun": {"startedAt": "2026-11-25T03:30:00Z", "finishedAt": "2026-11-25T03:52:10Z",
                    "status": "failure", "snapshot": "20261125"}}]
      """;

  private final AuthenticateAgent authenticate;
  private final ReceiveBackups receiveBackups;

  BackupsResource(AuthenticateAgent authenticate, ReceiveBackups receiveBackups) {
    this.authenticate = authenticate;
    this.receiveBackups = receiveBackups;
  }

  @PUT
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "uploadBackupJobs",
      summary = "Upload the server's backup jobs",
      description =
          "Replaces the server's set of backup jobs with these canonical job descriptors: name"
              + " (`[A-Za-z0-9._:@-]{1,128}`, unique), tool (rsync, dirvish, rsnapshot, restic,"
              + " borg or tar), the argv the server runs, the content of every config, exclude,"
              + " pattern or merge file it reads (keyed by absolute path), schedule, and the newest"
              + " run. Every job is compiled with its tool's rules engine: a job that does not"
              + " compile (an unknown option, a file the command names but `files` lacks, a"
              + " malformed config line) refuses the whole upload with 422, naming job, option or"
              + " file, and line. Jobs missing from the upload are removed, with their listings."
              + " A job's last success is kept across uploads: a failed run does not erase it."
              + " Send `Content-Encoding: gzip` to compress; the limit"
              + " (blindspot.uploads.max-bytes) counts decompressed bytes. Uploading the same body"
              + " again answers 200 `{\"unchanged\": true}` without parsing it.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = BackupJobDescriptor.class),
              examples = {
                @ExampleObject(
                    name = "rsync",
                    summary = "An rsync job with an exclude file",
                    value = RSYNC_EXAMPLE),
                @ExampleObject(
                    name = "dirvish",
                    summary = "A dirvish vault: master.conf and the vault's default.conf",
                    value = DIRVISH_EXAMPLE)
              }))
  @APIResponse(
      responseCode = "201",
      description = "Stored as the server's new set of jobs",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BackupsUploadResponse.class),
              examples =
                  @ExampleObject(
                      name = "stored",
                      value =
                          "{\"unchanged\": false, \"snapshotId\": 42, \"jobs\": 2, \"added\":"
                              + " [\"dirvish-root\"], \"removed\": [\"old-tar\"], \"changed\":"
                              + " [\"nightly\"]}")))
  @APIResponse(
      responseCode = "200",
      description = "Same body as the current upload; nothing stored or parsed",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BackupsUploadResponse.class),
              examples = @ExampleObject(name = "unchanged", value = "{\"unchanged\": true}")))
  @APIResponse(
      responseCode = "400",
      description =
          "Malformed JSON, an invalid or duplicate field (the problem names it, as in"
              + " `[2].command`, also in violations), or a corrupt gzip body",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples =
                  @ExampleObject(
                      name = "invalid",
                      value =
                          "{\"type\": \"about:blank\", \"title\": \"Bad Request\", \"status\": 400,"
                              + " \"detail\": \"[2].command: must not be null\", \"instance\":"
                              + " \"/api/v1/agent/backups\", \"violations\": [{\"field\":"
                              + " \"[2].command\", \"message\": \"must not be null\"}]}")))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "413", ref = "TooLarge")
  @APIResponse(
      responseCode = "415",
      description = "Content-Type is not application/json, or Content-Encoding is not gzip",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "422",
      description =
          "A job does not compile with its tool's engine; nothing is stored. The violation names"
              + " the job (field), the file (entry; the command line is `<command line>`) and"
              + " the line",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples =
                  @ExampleObject(
                      name = "unknown option",
                      value =
                          "{\"type\": \"about:blank\", \"title\": \"Unprocessable Content\","
                              + " \"status\": 422, \"detail\": \"job 'nightly' ([0]): command"
                              + " line:3: unknown rsync option '--frobnicate'\", \"instance\":"
                              + " \"/api/v1/agent/backups\", \"violations\": [{\"field\":"
                              + " \"[0].command[3]\", \"message\": \"command line:3: unknown rsync"
                              + " option '--frobnicate'\", \"entry\": \"command line\", \"line\": 3}]}")))
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
    UploadOutcome<StoredBackups> outcome =
        receiveBackups.receive(serverId, contentType, contentEncoding, body);
    if (outcome instanceof UploadOutcome.Stored<StoredBackups> stored) {
      StoredBackups jobs = stored.result();
      return Response.status(Response.Status.CREATED)
          .entity(
              new BackupsUploadResponse(
                  false,
                  jobs.snapshotId(),
                  jobs.jobs(),
                  jobs.added(),
                  jobs.removed(),
                  jobs.changed()))
          .build();
    }
    return Response.ok(BackupsUploadResponse.unchangedBody()).build();
  }
}
