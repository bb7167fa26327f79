package io.blindspot.fleet.dashboard.api;

import io.blindspot.fleet.dashboard.application.DashboardSessions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Signing in with a token typed into a form (POSTed, so it never appears in a URL, a log line or
 * the browser history) and out again. The session cookie is HttpOnly (no script reads it),
 * SameSite=Strict (no other site's page can make the browser send it: the forms need no CSRF
 * token), limited to /dashboard (the API never sees it) and Secure over https.
 */
@Path("/dashboard")
public class SignInResource {

  static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

  private final DashboardSessions sessions;

  public SignInResource(DashboardSessions sessions) {
    this.sessions = sessions;
  }

  @GET
  @Path("login")
  @Produces(MediaType.TEXT_HTML)
  public Response form(@QueryParam("next") String next) {
    return Response.ok(Pages.login(null, null, safeNext(next)).render(), HTML).build();
  }

  @POST
  @Path("login")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response signIn(
      @FormParam("token") String token, @FormParam("next") String next, @Context UriInfo uri) {
    return sessions
        .signIn(token)
        .map(
            session ->
                Response.seeOther(URI.create(safeNext(next)))
                    .cookie(cookie(session.id(), session.expiresAt(), secure(uri)))
                    .build())
        .orElseGet(
            () ->
                Response.status(Response.Status.UNAUTHORIZED)
                    .type(HTML)
                    .entity(
                        Pages.login(
                                null,
                                token == null || token.isBlank()
                                    ? "Enter a token."
                                    : "That token is not valid here: use the admin token or an"
                                        + " operator token (admin or viewer).",
                                safeNext(next))
                            .render())
                    .build());
  }

  @POST
  @Path("logout")
  public Response signOut(
      @CookieParam(DashboardSessionFilter.COOKIE) String session, @Context UriInfo uri) {
    sessions.signOut(session);
    return Response.seeOther(URI.create(DashboardSessionFilter.LOGIN))
        .cookie(cookie("", Instant.EPOCH, secure(uri)))
        .build();
  }

  @GET
  @Path("logout")
  public Response signOutLink(
      @CookieParam(DashboardSessionFilter.COOKIE) String session, @Context UriInfo uri) {
    return signOut(session, uri);
  }

  private static NewCookie cookie(String value, Instant expiresAt, boolean secure) {
    long maxAge = Math.max(0, Duration.between(Instant.now(), expiresAt).getSeconds());
    return new NewCookie.Builder(DashboardSessionFilter.COOKIE)
        .value(value)
        .path(DashboardSessionFilter.PREFIX)
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.STRICT)
        .maxAge((int) Math.min(Integer.MAX_VALUE, maxAge))
        .build();
  }

  /**
   * Over https (directly, or behind a proxy with quarkus.http.proxy.proxy-address-forwarding) the
   * cookie is Secure; plain http on localhost must still work for a first look.
   */
  private static boolean secure(UriInfo uri) {
    return "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
  }

  /** Where to go after signing in: a dashboard page of this service, never another site. */
  static String safeNext(String next) {
    if (next == null
        || !DashboardSessionFilter.isDashboard(next.split("[?#]", 2)[0])
        || next.contains("//")
        || next.contains("\\")
        || next.split("[?#]", 2)[0].matches(".*/\\.{1,2}(/.*)?")
        || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
        || next.startsWith(DashboardSessionFilter.LOGIN)
        || next.startsWith(DashboardSessionFilter.PREFIX + "/logout")) {
      return DashboardSessionFilter.PREFIX;
    }
    return next;
  }
}
