package io.blindspot.fleet.dashboard.api;

import io.blindspot.fleet.auth.Caller;
import io.blindspot.fleet.dashboard.application.FindingFilter;
import io.blindspot.fleet.dashboard.application.FindingsPage;
import io.blindspot.fleet.dashboard.application.Overview;
import io.blindspot.fleet.dashboard.application.PolicySummary;
import io.blindspot.fleet.dashboard.application.ServerPage;
import io.blindspot.fleet.dashboard.application.WaiverEntry;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The dashboard's pages (templates/dashboard/*.html), checked against these parameter types when
 * the service is built. HTML templates escape every value; none of them uses raw output.
 */
@CheckedTemplate(basePath = "dashboard")
final class Pages {

  private Pages() {}

  static native TemplateInstance login(Caller caller, String error, String next);

  /** The overview, or with {@code overview} null only the heat map (the "all servers" pages). */
  static native TemplateInstance overview(
      Caller caller, Overview overview, Overview.HeatMap heatMap);

  static native TemplateInstance server(Caller caller, ServerPage page);

  static native TemplateInstance rebuild(
      Caller caller, String hostname, String script, List<String> warnings);

  static native TemplateInstance findings(
      Caller caller, FindingsPage page, FindingFilter filter, List<String> severities);

  static native TemplateInstance policies(Caller caller, List<PolicySummary> policies);

  static native TemplateInstance waivers(Caller caller, List<WaiverEntry> waivers, boolean all);

  static native TemplateInstance notFound(Caller caller, String message);
}
