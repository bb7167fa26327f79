package io.blindspot.coverage.evaluation.api;

import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.Verdict;
import io.blindspot.coverage.evaluation.api.EvaluationDtos.EvaluationRequest;
import io.blindspot.coverage.evaluation.api.EvaluationDtos.EvaluationResponse;
import io.blindspot.coverage.evaluation.api.EvaluationDtos.ExplainRequest;
import io.blindspot.coverage.evaluation.api.EvaluationDtos.Explanation;
import io.blindspot.coverage.evaluation.api.EvaluationDtos.PathVerdict;
import io.blindspot.coverage.evaluation.api.EvaluationDtos.Summary;
import io.blindspot.coverage.evaluation.application.RuleEvaluation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The rule playground: "would my excludes miss /var/db/pkg?". Stores nothing. */
@Path("/api/v1/coverage")
@Tag(name = "Rule evaluation")
@SecurityRequirement(name = "operatorToken")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationResource {

  private static final String EXAMPLE =
      """
      {"job": {"name": "nightly", "tool": "rsync",
               "command": ["rsync", "-aHx", "--exclude-from=/etc/backup/excludes", "/", "vault:/srv/web1/"],
               "files": {"/etc/backup/excludes": "/proc\\n/sys\\n/var/db\\n"}},
       "paths": ["/etc/", "/etc/passwd", "/var/db/pkg/"],
       "filesystems": [{"mountPoint": "/", "device": "/dev/sda3"}]}""";

  private final RuleEvaluation evaluation;

  EvaluationResource(RuleEvaluation evaluation) {
    this.evaluation = evaluation;
  }

  @POST
  @Path("/evaluate")
  @Operation(
      operationId = "evaluateRules",
      summary = "Evaluate a backup job's rules against paths, as the real tool would")
  @RequestBody(
      content =
          @Content(
              schema = @Schema(implementation = EvaluationRequest.class),
              examples = @ExampleObject(name = "rsync excludes", value = EXAMPLE)))
  @APIResponse(responseCode = "200", description = "One verdict per path, in input order")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  public EvaluationResponse evaluate(@Valid @NotNull EvaluationRequest request)
      throws JobConfigException {
    RuleEvaluation.Outcome outcome =
        evaluation.evaluate(request.job(), request.paths(), request.facts());
    List<PathVerdict> results = outcome.verdicts().stream().map(PathVerdict::of).toList();
    long included = outcome.verdicts().stream().filter(Verdict::included).count();
    return new EvaluationResponse(
        results, new Summary(included, results.size() - included), outcome.caveats());
  }

  @GET
  @Path("/servers/{hostname}/jobs/{job}/explain")
  @Operation(
      operationId = "explainStoredJobPath",
      summary = "Explain one path for a job an agent uploaded",
      description =
          "Every rule of the server's current job considered for the path, in order, with the"
              + " server's mounts for one-file-system rules: \"would my excludes miss"
              + " /var/db/pkg?\" for a real job.")
  @APIResponse(responseCode = "200", description = "The verdict and the rules considered")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  public Explanation explainStored(
      @PathParam("hostname") String hostname,
      @PathParam("job") String job,
      @QueryParam("path")
          @NotBlank
          @jakarta.validation.constraints.Pattern(
              regexp = "/.*",
              message = "must be an absolute path")
          @Parameter(
              description = "Absolute path; a trailing / marks a directory",
              example = "/var/db/pkg/")
          String path)
      throws JobConfigException {
    RuleEvaluation.Explained explained =
        evaluation
            .explainStored(hostname, job, path)
            .orElseThrow(
                () -> new NotFoundException("no job '" + job + "' on a server '" + hostname + "'"));
    return Explanation.of(explained.trace(), explained.caveats());
  }

  @POST
  @Path("/explain")
  @Operation(
      operationId = "explainPath",
      summary = "Every rule considered for one path, in order, and which decided")
  @APIResponse(responseCode = "200", description = "The verdict and the rules considered")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  public Explanation explain(@Valid @NotNull ExplainRequest request) throws JobConfigException {
    RuleEvaluation.Explained explained =
        evaluation.explain(request.job(), request.path(), request.facts());
    return Explanation.of(explained.trace(), explained.caveats());
  }
}
