package io.blindspot.fleet.dashboard.api;

import io.blindspot.fleet.dashboard.application.FindingFilter;
import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard's URLs, percent-encoded: hostnames and paths are whatever agents reported, so they
 * are encoded into URLs here, then HTML-escaped by the templates like any other text.
 */
@TemplateExtension(namespace = "link")
public final class Links {

  private Links() {}

  static String server(String hostname) {
    return DashboardSessionFilter.PREFIX + "/servers/" + segment(hostname);
  }

  /** The section of an asset on its server page. */
  static String gap(String hostname, String anchor) {
    return anchor == null ? server(hostname) : server(hostname) + "#" + anchor;
  }

  static String rebuildPlan(String hostname) {
    return server(hostname) + "/rebuild-plan";
  }

  static String rebuildScript(String hostname) {
    return server(hostname) + "/rebuild-plan.sh";
  }

  /** The findings list, for one path prefix. */
  static String findingsAt(String path) {
    return DashboardSessionFilter.PREFIX + "/findings?path=" + query(path);
  }

  static String servers(String host, int page) {
    StringBuilder link = new StringBuilder(DashboardSessionFilter.PREFIX + "/servers?page=" + page);
    if (host != null && !host.isBlank()) {
      link.append("&host=").append(query(host));
    }
    return link.toString();
  }

  static String findings(FindingFilter filter, int page) {
    StringBuilder link =
        new StringBuilder(DashboardSessionFilter.PREFIX + "/findings?page=" + page);
    parameter(link, "policy", filter.policy());
    parameter(link, "severity", filter.severity());
    parameter(link, "status", filter.status());
    parameter(link, "path", filter.pathPrefix());
    parameter(link, "host", filter.hostPrefix());
    return link.toString();
  }

  private static void parameter(StringBuilder link, String name, String value) {
    if (value != null && !value.isBlank()) {
      link.append('&').append(name).append('=').append(query(value));
    }
  }

  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** One path segment: a '/' or '?' in a hostname must not change the route. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
