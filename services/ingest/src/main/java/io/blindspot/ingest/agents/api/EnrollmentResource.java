package io.blindspot.ingest.agents.api;

import io.blindspot.ingest.agents.application.EnrollAgent;
import io.blindspot.ingest.agents.application.IssuedAgentToken;
import io.blindspot.ingest.problem.Problem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/agent/enroll")
@Tag(name = "agent")
public class EnrollmentResource {

  private final EnrollAgent enrollAgent;

  EnrollmentResource(EnrollAgent enrollAgent) {
    this.enrollAgent = enrollAgent;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "enrollAgent",
      summary = "Enroll a server's agent",
      description =
          "Redeems an enrollment token and issues the server's agent token. Enrolling the same"
              + " machineId again keeps the server, takes the new hostname and rotates the agent"
              + " token (the previous one stops working). The enrollment token's labels are"
              + " attached to the server.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = EnrollRequest.class),
              examples =
                  @ExampleObject(
                      name = "enroll",
                      value =
                          "{\"hostname\": \"web1\", \"machineId\":"
                              + " \"4c4c4544004d3510804ab4c04f4e3332\", \"enrollmentToken\":"
                              + " \"bse_Zm9vYmFyYmF6cXV4\"}")))
  @APIResponse(
      responseCode = "201",
      description = "Enrolled; the token is shown this once",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = EnrollResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or invalid; the problem names it",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "401",
      description = "The enrollment token is unknown, revoked or expired",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "Another machine (different machineId) is enrolled under this hostname, or this"
              + " machine is being enrolled by a concurrent request",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response enroll(@NotNull @Valid EnrollRequest request) {
    IssuedAgentToken issued =
        enrollAgent.enroll(request.hostname(), request.machineId(), request.enrollmentToken());
    return Response.status(Response.Status.CREATED)
        .entity(new EnrollResponse(issued.serverId(), issued.token()))
        .build();
  }
}
