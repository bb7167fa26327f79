package io.blindspot.fleet.rebuild.api;

import io.blindspot.core.rebuild.RebuildPlan;
import io.blindspot.core.rebuild.RebuildScript;
import io.blindspot.fleet.rebuild.application.RebuildPlans;
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

@Path("/api/v1/servers/{hostname}/rebuild-plan")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rebuild", description = "Rebuilding a server from Blindspot's own copy of it")
public class RebuildPlanResource {

  static final String SHELL_SCRIPT = "text/x-shellscript";

  private final RebuildPlans plans;

  public RebuildPlanResource(RebuildPlans plans) {
    this.plans = plans;
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, SHELL_SCRIPT})
  @Operation(
      operationId = "getRebuildPlan",
      summary = "How to rebuild the server from bare metal",
      description =
          "Built from Blindspot's own copy of the package list and inventory, so it exists even"
              + " when the backups missed the package database: partition table, fstab, the exact"
              + " package versions (every Gentoo slot) in an order that builds, then what to"
              + " restore from which job and snapshot (from the current coverage; a warning says"
              + " when coverage has not been evaluated yet). With `Accept: text/x-shellscript`,"
              + " a POSIX script to read, then run.")
  @APIResponse(
      responseCode = "200",
      description = "The plan",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RebuildPlanView.class)),
        @Content(
            mediaType = SHELL_SCRIPT,
            schema = @Schema(type = SchemaType.STRING),
            example =
                "#!/bin/sh\n# Rebuild plan for gentoo-01.example.org (portage, 2 packages)\n"
                    + "set -eu\n\n# 2. Reinstall every package at its exact version, every slot"
                    + " included\nemerge --oneshot --nodeps =sys-kernel/gentoo-sources-6.6.13"
                    + " =sys-kernel/gentoo-sources-6.1.69\n")
      })
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Response plan(
      @Parameter(example = "gentoo-01.example.org") @PathParam("hostname") String hostname,
      @Context HttpHeaders headers) {
    String mediaType = Negotiation.choose(headers, MediaType.APPLICATION_JSON, SHELL_SCRIPT);
    RebuildPlan plan = plans.plan(hostname);
    if (mediaType.equals(SHELL_SCRIPT)) {
      return Response.ok(RebuildScript.render(plan), SHELL_SCRIPT + "; charset=utf-8").build();
    }
    return Response.ok(RebuildPlanView.of(plan), MediaType.APPLICATION_JSON).build();
  }
}
