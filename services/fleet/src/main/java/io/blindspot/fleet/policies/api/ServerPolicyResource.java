package io.blindspot.fleet.policies.api;

import io.blindspot.fleet.policies.application.PolicyResults;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/servers/{hostname}/policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Policies")
public class ServerPolicyResource {

  private final PolicyResults results;

  public ServerPolicyResource(PolicyResults results) {
    this.results = results;
  }

  @GET
  @Operation(
      operationId = "getServerPolicies",
      summary = "The server's result for each policy",
      description =
          "pass, fail, waived or not-applicable per enabled policy, each requirement's outcome,"
              + " and a finding per failing requirement and asset with the evidence behind it:"
              + " the jobs' verdicts, the rule that hides the path, the gaps and the fix. Empty"
              + " until the server's first evaluation.")
  @APIResponse(
      responseCode = "200",
      description = "The server's results",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ServerPoliciesView.class)),
        @Content(
            mediaType = CsvWriter.MEDIA_TYPE,
            schema =
                @Schema(
                    type = SchemaType.STRING,
                    description =
                        "A header row of the JSON field names, then one row per policy (requirements and findings as JSON)"))
      })
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such server")
  @Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
  public Response get(
      @Parameter(example = "web-01.example.org") @PathParam("hostname") String hostname,
      @Context HttpHeaders headers) {
    ServerPoliciesView view = ServerPoliciesView.of(hostname, results.forServer(hostname));
    if (Negotiation.csv(headers)) {
      return CsvWriter.records(
          hostname + "-policies", ServerPoliciesView.ResultView.class, view.items()::forEach);
    }
    return Response.ok(view, MediaType.APPLICATION_JSON).build();
  }
}
