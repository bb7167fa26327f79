package io.blindspot.ingest.inventory.api;

import io.blindspot.ingest.agents.application.AuthenticateAgent;
import io.blindspot.ingest.inventory.application.Inventory;
import io.blindspot.ingest.inventory.application.ReceiveInventory;
import io.blindspot.ingest.inventory.application.StoredInventory;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/agent/inventory")
@Tag(name = "agent")
@SecurityRequirement(name = "agentToken")
public class InventoryResource {

  static final String EXAMPLE =
      """
      {"hostname": "web1", "machineId": "4c4c4544004d3510804ab4c04f4e3332",
       "os": {"id": "gentoo", "name": "Gentoo", "versionId": "2.17"},
       "kernel": "6.6.13-gentoo", "architecture": "x86_64",
       "mounts": [{"device": "/dev/sda3", "mountPoint": "/", "fsType": "ext4",
                   "options": "rw,noatime", "sizeBytes": 20000000000, "usedBytes": 8000000000}],
       "partitionTable": "label: gpt\\nunit: sectors\\n/dev/sda3 : start=4096, size=39059456, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\\n",
       "fstab": "/dev/sda3 / ext4 noatime 0 1\\n",
       "services": ["sshd", "mysql"], "labels": {"env": "prod"},
       "collectedAt": "2026-11-25T10:15:00Z"}
      """;

  private final AuthenticateAgent authenticate;
  private final ReceiveInventory receiveInventory;

  InventoryResource(AuthenticateAgent authenticate, ReceiveInventory receiveInventory) {
    this.authenticate = authenticate;
    this.receiveInventory = receiveInventory;
  }

  @PUT
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "uploadInventory",
      summary = "Upload the server's inventory",
      description =
          "Replaces the server's current inventory (OS, kernel, mounts, partition table, fstab,"
              + " services, labels). The server is the one the agent token belongs to. Send"
              + " `Content-Encoding: gzip` to compress; the limit (blindspot.uploads.max-bytes)"
              + " counts decompressed bytes. Uploading the same body again answers 200"
              + " `{\"unchanged\": true}` and only marks the server as seen. The agent's labels"
              + " are kept apart from the operator's labels, which win on a clash.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Inventory.class),
              examples = @ExampleObject(name = "gentoo", value = EXAMPLE)))
  @APIResponse(
      responseCode = "201",
      description = "Stored as the new current inventory",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = InventoryUploadResponse.class),
              examples =
                  @ExampleObject(
                      name = "stored",
                      value =
                          "{\"unchanged\": false, \"snapshotId\": 42, \"osFamily\": \"gentoo\"}")))
  @APIResponse(
      responseCode = "200",
      description = "Same body as the current inventory; nothing stored",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = InventoryUploadResponse.class),
              examples = @ExampleObject(name = "unchanged", value = "{\"unchanged\": true}")))
  @APIResponse(
      responseCode = "400",
      description = "Malformed JSON, a missing or invalid field, or a corrupt gzip body",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "413", ref = "TooLarge")
  @APIResponse(
      responseCode = "415",
      description = "Content-Type is not application/json, or Content-Encoding is not gzip",
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
    UploadOutcome<StoredInventory> outcome =
        receiveInventory.receive(serverId, contentType, contentEncoding, body);
    if (outcome instanceof UploadOutcome.Stored<StoredInventory> stored) {
      StoredInventory inventory = stored.result();
      return Response.status(Response.Status.CREATED)
          .entity(new InventoryUploadResponse(false, inventory.snapshotId(), inventory.osFamily()))
          .build();
    }
    return Response.ok(new InventoryUploadResponse(true, null, null)).build();
  }
}
