package io.blindspot.fleet.backups.api;

import io.blindspot.fleet.backups.application.ServerBackups;
import io.blindspot.fleet.request.CsvWriter;
import io.blindspot.fleet.request.Negotiation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/servers/{hostname}/backups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Backups", description = "The backup jobs agents report, and what they cover")
public class BackupResource {

  private final ServerBackups backups;

  public BackupResource(ServerBackups backups) {
    this.backups = backups;
  }

  @GET
  @Operation(
      operationId = "getServerBackups",
      summary = "The server's backup jobs",
      description =
          "Every current job as its canonical descriptor (name, tool, command, files, schedule,"
              + " lastRun), with its newest known success and the metadata of the newest snapshot"
              + " listing (null when none was uploaded). An empty list when the agent has not"
              + " reported any job.")
  @APIResponse(
      responseCode = "200",
      description = "The jobs, by name",
      content = {
        @Content(
            mediaType = CsvWriter.MEDIA_TYPE,
            schema =
                @Schema(
                    type = SchemaType.STRING,
                    description = "A header row of the JSON field names, then one row per item")),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BackupJobList.class),
            examples =
                @ExampleObject(
                    name = "one rsync job",
                    value =
                        "{\"items\": [{\"name\": \"nightly\", \"tool\": \"rsync\", \"command\":"
                            + " [\"rsync\", \"-aHx\", \"--exclude-from=/etc/backup/excludes\","
                            + " \"/\", \"vault:/srv/web1/\"], \"files\":"
                            + " {\"/etc/backup/excludes\": \"/proc\\n/sys\\n/var/db\\n\"},"
                            + " \"schedule\": \"0 3 * * *\", \"lastRun\": {\"startedAt\":"
                            + " \"2026-11-25T03:00:00Z\", \"finishedAt\":"
                            + " \"2026-11-25T03:12:40Z\", \"status\": \"success\","
                            + " \"snapshot\": null}, \"lastSuccessAt\":"
                            + " \"2026-11-25T03:12:40Z\", \"listing\": null}]}"))
      })
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
  public Response list(
      @Parameter(example = "web-01.example.org") @PathParam("hostname") String hostname,
      @Context HttpHeaders headers) {
    List<BackupJobView> items = backups.jobs(hostname).stream().map(BackupJobView::of).toList();
    if (Negotiation.csv(headers)) {
      return CsvWriter.records("backup-jobs-" + hostname, BackupJobView.class, items::forEach);
    }
    return Response.ok(new BackupJobList(items), MediaType.APPLICATION_JSON).build();
  }
}
