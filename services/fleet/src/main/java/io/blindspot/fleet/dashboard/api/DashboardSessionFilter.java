package io.blindspot.fleet.dashboard.api;

import io.blindspot.fleet.auth.Caller;
import io.blindspot.fleet.dashboard.application.DashboardSessions;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Admits a dashboard page only with a live session cookie; anything else goes to the sign-in form,
 * which comes back to the page asked for. Not pre-matching: the session lookup reads the database,
 * which must happen on a worker thread like the page itself.
 */
public class DashboardSessionFilter {

  static final String COOKIE = "blindspot_session";
  static final String PREFIX = "/dashboard";
  static final String LOGIN = PREFIX + "/login";

  /**
   * No inline script or style (every byte of the pages comes from the service), no framing, no
   * referrer leaking hostnames to other sites.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final DashboardSessions sessions;
  private final SignedIn signedIn;

  public DashboardSessionFilter(DashboardSessions sessions, SignedIn signedIn) {
    this.sessions = sessions;
    this.signedIn = signedIn;
  }

  @ServerRequestFilter
  public Response requireSession(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!isDashboard(path) || path.equals(LOGIN)) {
      return null;
    }
    Cookie cookie = request.getCookies().get(COOKIE);
    Optional<Caller> caller =
        cookie == null ? Optional.empty() : sessions.caller(cookie.getValue());
    if (caller.isPresent()) {
      signedIn.set(caller.get());
      return null;
    }
    String query = request.getUriInfo().getRequestUri().getRawQuery();
    String back =
        request.getUriInfo().getRequestUri().getRawPath() + (query == null ? "" : "?" + query);
    return Response.seeOther(URI.create(LOGIN + "?next=" + Links.query(back))).build();
  }

  @ServerResponseFilter
  public void secureHeaders(ContainerRequestContext request, ContainerResponseContext response) {
    if (!isDashboard(request.getUriInfo().getPath())) {
      return;
    }
    MultivaluedMap<String, Object> headers = response.getHeaders();
    headers.putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.putSingle("X-Content-Type-Options", "nosniff");
    headers.putSingle("Referrer-Policy", "no-referrer");
    headers.putSingle("X-Frame-Options", "DENY");
    // pages show live state and who is signed in: never from a cache, never stored
    headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  static boolean isDashboard(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }
}
