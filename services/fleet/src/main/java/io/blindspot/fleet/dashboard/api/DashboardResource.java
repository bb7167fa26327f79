package io.blindspot.fleet.dashboard.api;

import io.blindspot.core.rebuild.RebuildPlan;
import io.blindspot.core.rebuild.RebuildScript;
import io.blindspot.fleet.dashboard.application.FindingFilter;
import io.blindspot.fleet.dashboard.application.FleetFindings;
import io.blindspot.fleet.dashboard.application.FleetOverview;
import io.blindspot.fleet.dashboard.application.PolicyBoard;
import io.blindspot.fleet.dashboard.application.ServerInspection;
import io.blindspot.fleet.problem.NotFound;
import io.blindspot.fleet.rebuild.application.RebuildPlans;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;

/**
 * The dashboard's pages, server-side rendered. Read-only: a viewer sees everything an admin does.
 * Every page needs a session (DashboardSessionFilter); the JSON API stays under /api/.
 */
@Path("/dashboard")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {

  static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");
  private static final Set<String> STATUSES = Set.of("fail", "waived");

  private final SignedIn signedIn;
  private final FleetOverview overview;
  private final ServerInspection servers;
  private final FleetFindings findings;
  private final PolicyBoard policies;
  private final RebuildPlans rebuildPlans;

  public DashboardResource(
      SignedIn signedIn,
      FleetOverview overview,
      ServerInspection servers,
      FleetFindings findings,
      PolicyBoard policies,
      RebuildPlans rebuildPlans) {
    this.signedIn = signedIn;
    this.overview = overview;
    this.servers = servers;
    this.findings = findings;
    this.policies = policies;
    this.rebuildPlans = rebuildPlans;
  }

  @GET
  public Response overview() {
    var fleet = overview.overview();
    return html(Pages.overview(signedIn.get(), fleet, fleet.heatMap()).render());
  }

  @GET
  @Path("servers")
  public Response servers(
      @QueryParam("host") String host, @QueryParam("page") @DefaultValue("1") String page) {
    return html(
        Pages.overview(signedIn.get(), null, overview.servers(host, number(page))).render());
  }

  @GET
  @Path("servers/{hostname}")
  public Response server(@PathParam("hostname") String hostname) {
    return servers
        .server(hostname)
        .map(page -> html(Pages.server(signedIn.get(), page).render()))
        .orElseGet(() -> notFound("No server is called “" + hostname + "”."));
  }

  @GET
  @Path("servers/{hostname}/rebuild-plan")
  public Response rebuildPlan(@PathParam("hostname") String hostname) {
    RebuildPlan plan;
    try {
      plan = rebuildPlans.plan(hostname);
    } catch (NotFound e) {
      return notFound("No server is called “" + hostname + "”.");
    }
    return html(
        Pages.rebuild(signedIn.get(), hostname, RebuildScript.render(plan), plan.warnings())
            .render());
  }

  /** The same script as the API's text/x-shellscript, as a download the browser can save. */
  @GET
  @Path("servers/{hostname}/rebuild-plan.sh")
  @Produces("text/x-shellscript")
  public Response rebuildScript(@PathParam("hostname") String hostname) {
    RebuildPlan plan;
    try {
      plan = rebuildPlans.plan(hostname);
    } catch (NotFound e) {
      return notFound("No server is called “" + hostname + "”.");
    }
    String file = "rebuild-" + hostname.replaceAll("[^A-Za-z0-9._-]", "_") + ".sh";
    return Response.ok(RebuildScript.render(plan), "text/x-shellscript;charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
        .build();
  }

  @GET
  @Path("findings")
  public Response findings(
      @QueryParam("policy") String policy,
      @QueryParam("severity") String severity,
      @QueryParam("status") String status,
      @QueryParam("path") String path,
      @QueryParam("host") String host,
      @QueryParam("page") @DefaultValue("1") String page) {
    // an unknown value in a filter means no filter: the form only offers known ones
    FindingFilter filter =
        new FindingFilter(
            null,
            blankToNull(policy),
            severity != null && SEVERITIES.contains(severity) ? severity : null,
            status != null && STATUSES.contains(status) ? status : null,
            blankToNull(path),
            blankToNull(host));
    return html(
        Pages.findings(signedIn.get(), findings.page(filter, number(page)), filter, SEVERITIES)
            .render());
  }

  @GET
  @Path("policies")
  public Response policies() {
    return html(Pages.policies(signedIn.get(), policies.policies()).render());
  }

  @GET
  @Path("waivers")
  public Response waivers(@QueryParam("all") @DefaultValue("false") boolean all) {
    return html(Pages.waivers(signedIn.get(), policies.waivers(all), all).render());
  }

  private Response notFound(String message) {
    return Response.status(Response.Status.NOT_FOUND)
        .type(SignInResource.HTML)
        .entity(Pages.notFound(signedIn.get(), message).render())
        .build();
  }

  private static Response html(String page) {
    return Response.ok(page, SignInResource.HTML).build();
  }

  /** A page number from the query; anything but a positive number is the first page. */
  private static int number(String page) {
    try {
      return Math.max(1, Integer.parseInt(page.strip()));
    } catch (NumberFormatException | NullPointerException e) {
      return 1;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
