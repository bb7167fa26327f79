package io.blindspot.fleet.knowledge.api;

import io.blindspot.fleet.knowledge.application.KnowledgeBase;
import io.blindspot.fleet.problem.InvalidParameter;
import io.blindspot.fleet.request.CsvWriter;
import io.blindspot.fleet.request.Negotiation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/knowledge/services")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Knowledge",
    description = "Where services keep their data: the knowledge base the coverage derives from")
public class ServiceKnowledgeResource {

  static final String QUEUED_HEADER = "Blindspot-Recompute-Queued";

  private final KnowledgeBase knowledge;

  public ServiceKnowledgeResource(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  @GET
  @Operation(
      operationId = "listServiceKnowledge",
      summary = "List the service knowledge base",
      description =
          "The entries shipped with Blindspot (source builtin) and those operators added (source"
              + " operator); an operator entry with a built-in id replaces the built-in one.")
  @APIResponse(
      responseCode = "200",
      description = "Every entry",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ServiceKnowledgeList.class)),
        @Content(
            mediaType = CsvWriter.MEDIA_TYPE,
            schema =
                @Schema(
                    type = SchemaType.STRING,
                    description = "A header row of the JSON field names, then one row per item"))
      })
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
  public Response list(@Context HttpHeaders headers) {
    List<ServiceEntryView> items = knowledge.list().stream().map(ServiceEntryView::of).toList();
    if (Negotiation.csv(headers)) {
      return CsvWriter.records("service-knowledge", ServiceEntryView.class, items::forEach);
    }
    return Response.ok(new ServiceKnowledgeList(items), MediaType.APPLICATION_JSON).build();
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "putServiceKnowledge",
      summary = "Add or replace an operator entry",
      description =
          "Creates or replaces the operator entry of this id (replacing a built-in entry of the"
              + " same id), and queues every server for a coverage recompute in the same"
              + " transaction; the header Blindspot-Recompute-Queued says how many.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ServiceEntryBody.class),
              examples =
                  @ExampleObject(
                      name = "gitea",
                      value =
                          "{\"name\": \"Gitea\", \"severity\": \"critical\", \"packages\":"
                              + " {\"dpkg\": [\"gitea\"]}, \"services\": [\"gitea\"], \"paths\":"
                              + " [\"/var/lib/gitea/\", \"/etc/gitea/app.ini\"], \"note\": \"Use"
                              + " gitea dump for a consistent copy.\"}")))
  @APIResponse(
      responseCode = "200",
      description = "Replaced",
      content = @Content(schema = @Schema(implementation = ServiceEntryView.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = ServiceEntryView.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  public Response put(
      @Parameter(example = "gitea") @PathParam("id") String id, ServiceEntryBody body) {
    if (body != null && body.id() != null && !body.id().equals(id)) {
      throw new InvalidParameter(
          "id", "the body's id '" + body.id() + "' differs from the path's '" + id + "'");
    }
    KnowledgeBase.Saved saved = knowledge.put(id, body == null ? null : body.draft());
    return Response.status(saved.created() ? 201 : 200)
        .type(MediaType.APPLICATION_JSON)
        .header(QUEUED_HEADER, saved.queued())
        .entity(ServiceEntryView.of(saved.entry()))
        .build();
  }

  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "deleteServiceKnowledge",
      summary = "Remove an operator entry",
      description =
          "Only operator entries can be removed (a built-in entry it replaced applies again);"
              + " every server is queued for a coverage recompute in the same transaction.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(
      responseCode = "404",
      ref = "NotFound",
      description = "No operator entry of this id (built-in entries cannot be removed)")
  public Response delete(@Parameter(example = "gitea") @PathParam("id") String id) {
    int queued = knowledge.delete(id);
    return Response.noContent().header(QUEUED_HEADER, queued).build();
  }
}
