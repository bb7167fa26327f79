package io.blindspot.fleet.policies.api;

import io.blindspot.core.policy.Policy;
import io.blindspot.core.policy.PolicyParser;
import io.blindspot.core.policy.PolicyStatus;
import io.blindspot.fleet.policies.application.PolicyCatalog;
import io.blindspot.fleet.policies.application.PolicyResults;
import io.blindspot.fleet.policies.application.ResultStore;
import io.blindspot.fleet.policies.application.StoredPolicy;
import io.blindspot.fleet.problem.Problem;
import io.blindspot.fleet.request.CsvWriter;
import io.blindspot.fleet.request.Cursor;
import io.blindspot.fleet.request.KeysetPages;
import io.blindspot.fleet.request.Negotiation;
import io.blindspot.fleet.request.QueryParameters;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Policies",
    description =
        "What must be true across the fleet: declarative policies over the coverage model, and"
            + " each server's result")
public class PolicyResource {

  static final String YAML = "application/yaml";
  private static final String LISTING = "policy-results";
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;
  private static final List<String> STATUSES =
      Arrays.stream(PolicyStatus.values()).map(PolicyStatus::id).toList();
  private static final String JSON_EXAMPLE =
      "{\"name\": \"tls-keys-backed-up\", \"description\": \"TLS private keys are in the"
          + " backup\", \"severity\": \"high\", \"selector\": {\"labels\": {\"env\": \"prod\"},"
          + " \"osFamily\": [\"debian\"]}, \"requirements\": [{\"type\": \"path-covered\","
          + " \"path\": \"/etc/ssl/private/\"}, {\"id\": \"etc-fresh\", \"type\":"
          + " \"fresh-backup\", \"path\": \"/etc/\", \"maxAge\": \"PT26H\"}]}";
  private static final String YAML_EXAMPLE =
      "name: tls-keys-backed-up\n"
          + "severity: high\n"
          + "selector:\n"
          + "  labels: {env: prod}\n"
          + "requirements:\n"
          + "  - type: path-covered\n"
          + "    path: /etc/ssl/private/\n";

  private final PolicyCatalog catalog;
  private final PolicyResults results;

  public PolicyResource(PolicyCatalog catalog, PolicyResults results) {
    this.catalog = catalog;
    this.results = results;
  }

  @GET
  @Operation(
      operationId = "listPolicies",
      summary = "List the policies",
      description =
          "Every policy by name, baseline ones included, with its servers counted by effective"
              + " result (a waived result past its waiver's expiry counts as fail).")
  @APIResponse(
      responseCode = "200",
      description = "Every policy",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PolicyList.class)),
        @Content(
            mediaType = CsvWriter.MEDIA_TYPE,
            schema =
                @Schema(
                    type = SchemaType.STRING,
                    description = "A header row of the JSON field names, then one row per policy"))
      })
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
  public Response list(@Context HttpHeaders headers) {
    List<PolicyView> items = catalog.list().stream().map(PolicyView::of).toList();
    if (Negotiation.csv(headers)) {
      return CsvWriter.records("policies", PolicyView.class, items::forEach);
    }
    return Response.ok(new PolicyList(items), MediaType.APPLICATION_JSON).build();
  }

  @POST
  @Consumes({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"})
  @Operation(
      operationId = "createPolicy",
      summary = "Create a policy",
      description =
          "The policy in JSON, or in YAML with `Content-Type: application/yaml`. Unknown fields"
              + " and requirement types are refused; an error names the field and, in the"
              + " text, its line. Every server is queued for evaluation; the change is audited.")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PolicyBody.class),
            examples = @ExampleObject(name = "tls", value = JSON_EXAMPLE)),
        @Content(
            mediaType = YAML,
            schema = @Schema(implementation = PolicyBody.class),
            examples = @ExampleObject(name = "tls", value = YAML_EXAMPLE))
      })
  @APIResponse(
      responseCode = "201",
      description = "Created; Location names the policy",
      content = @Content(schema = @Schema(implementation = PolicyView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "409", ref = "Conflict", description = "A policy of that name exists")
  @APIResponse(
      responseCode = "415",
      description = "Neither JSON nor YAML",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  public Response create(
      String body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Context UriInfo uri) {
    StoredPolicy created = catalog.create(parse(body, contentType));
    return Response.created(uri.getAbsolutePathBuilder().path(created.policy().name()).build())
        .type(MediaType.APPLICATION_JSON)
        .entity(PolicyView.of(created, null))
        .build();
  }

  @GET
  @Path("{name}")
  @Produces({MediaType.APPLICATION_JSON, YAML})
  @Operation(
      operationId = "getPolicy",
      summary = "One policy",
      description =
          "As JSON, or with `Accept: application/yaml` in the canonical YAML a PUT accepts back"
              + " (generated requirement ids made explicit).")
  @APIResponse(
      responseCode = "200",
      description = "The policy",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PolicyView.class)),
        @Content(
            mediaType = YAML,
            schema = @Schema(type = SchemaType.STRING),
            example = YAML_EXAMPLE)
      })
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No policy of that name")
  public Response get(
      @Parameter(example = "etc-backed-up-daily") @PathParam("name") String name,
      @Context HttpHeaders headers) {
    StoredPolicy stored = catalog.get(name);
    if (Negotiation.choose(headers, MediaType.APPLICATION_JSON, YAML).equals(YAML)) {
      return Response.ok(PolicyParser.toYaml(stored.policy()), YAML + "; charset=utf-8").build();
    }
    return Response.ok(PolicyView.of(stored, null), MediaType.APPLICATION_JSON).build();
  }

  @PUT
  @Path("{name}")
  @Consumes({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"})
  @Operation(
      operationId = "replacePolicy",
      summary = "Replace a policy",
      description =
          "The whole policy, as for a create; its name must be the path's. The revision grows by"
              + " one, every server is queued for evaluation, and the audit trail keeps the"
              + " policy before and after. A baseline policy is turned off with"
              + " `\"enabled\": false`.")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PolicyBody.class)),
        @Content(mediaType = YAML, schema = @Schema(implementation = PolicyBody.class))
      })
  @APIResponse(
      responseCode = "200",
      description = "Replaced",
      content = @Content(schema = @Schema(implementation = PolicyView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No policy of that name")
  @APIResponse(
      responseCode = "415",
      description = "Neither JSON nor YAML",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  public PolicyView replace(
      @Parameter(example = "etc-backed-up-daily") @PathParam("name") String name,
      String body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
    return PolicyView.of(catalog.replace(name, parse(body, contentType)), null);
  }

  @DELETE
  @Path("{name}")
  @Operation(
      operationId = "deletePolicy",
      summary = "Delete a policy",
      description =
          "With its results, findings and waivers; the audit trail keeps it. Baseline policies"
              + " cannot be deleted (409): PUT them with `\"enabled\": false`.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No policy of that name")
  @APIResponse(responseCode = "409", ref = "Conflict", description = "A baseline policy")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  public Response delete(
      @Parameter(example = "tls-keys-backed-up") @PathParam("name") String name) {
    catalog.delete(name);
    return Response.noContent().build();
  }

  @GET
  @Path("{name}/results")
  @Operation(
      operationId = "listPolicyResults",
      summary = "The policy's result on each server",
      description =
          "One row per evaluated server, by hostname, with its effective status (a waived"
              + " result past its waiver's expiry is fail) and how many findings it has; pass"
              + " `next` as `after` for the next page.")
  @APIResponse(
      responseCode = "200",
      description = "One page of servers (with Accept: text/csv, every matching server)",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PolicyResultsPage.class)),
        @Content(
            mediaType = CsvWriter.MEDIA_TYPE,
            schema =
                @Schema(
                    type = SchemaType.STRING,
                    description =
                        "A header row of the JSON field names, then one row per server, all pages"))
      })
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No policy of that name")
  @Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
  public Response results(
      @Parameter(example = "etc-backed-up-daily") @PathParam("name") String name,
      @Parameter(
              description = "Only these effective statuses (repeat or separate by commas)",
              example = "fail,waived",
              schema =
                  @Schema(
                      type = SchemaType.ARRAY,
                      enumeration = {"pass", "fail", "waived", "not-applicable"}))
          @QueryParam("status")
          List<String> status,
      @Parameter(description = "Page size, 1-1000 (default 100)") @QueryParam("limit") String limit,
      @Parameter(description = "The `next` of the previous page") @QueryParam("after") String after,
      @Context HttpHeaders headers) {
    int size = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    List<String> cursor = Cursor.decode("after", LISTING, 1, after);
    Set<String> statuses = QueryParameters.oneOf("status", status, STATUSES);
    if (Negotiation.csv(headers)) {
      results.forPolicy(name, statuses, null, 0); // a 404 before the stream starts
      return CsvWriter.records(
          "policy-" + name + "-results",
          PolicyResultsPage.ServerStatusView.class,
          sink ->
              KeysetPages.<ResultStore.ServerStatus, String>forEach(
                  (last, n) -> results.forPolicy(name, statuses, last, n),
                  ResultStore.ServerStatus::hostname,
                  row -> sink.accept(PolicyResultsPage.ServerStatusView.of(row))));
    }
    List<ResultStore.ServerStatus> rows =
        results.forPolicy(name, statuses, cursor == null ? null : cursor.get(0), size);
    String next = null;
    if (rows.size() > size) {
      rows = rows.subList(0, size);
      next = Cursor.encode(LISTING, rows.get(size - 1).hostname());
    }
    return Response.ok(
            new PolicyResultsPage(
                name, rows.stream().map(PolicyResultsPage.ServerStatusView::of).toList(), next),
            MediaType.APPLICATION_JSON)
        .build();
  }

  /** JSON unless the Content-Type says YAML. */
  static Policy parse(String body, String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    return type.contains("yaml") ? PolicyParser.fromYaml(body) : PolicyParser.fromJson(body);
  }
}
