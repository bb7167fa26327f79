package io.blindspot.fleet.auth;

import io.blindspot.fleet.FleetConfig;
import io.blindspot.fleet.auth.application.Authentication;
import io.blindspot.fleet.auth.application.OperatorAuthenticator;
import io.blindspot.fleet.problem.ProblemMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /api/} request with a bearer token, the bootstrap admin token or an
 * operator token, sets {@link CurrentCaller}, and refuses writes to viewers (403). Runs before
 * resource matching, so an unauthenticated client cannot probe which paths or hostnames exist
 * (every answer is 401).
 */
public class BearerTokenFilter {

  static final String API_PREFIX = "/api/";
  private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class);
  private static final String BEARER = "Bearer ";

  private final FleetConfig config;
  private final OperatorAuthenticator authenticator;
  private final CurrentCaller caller;

  public BearerTokenFilter(
      FleetConfig config, OperatorAuthenticator authenticator, CurrentCaller caller) {
    this.config = config;
    this.authenticator = authenticator;
    this.caller = caller;
  }

  /** Says at startup, not at the first refused request, that the bootstrap admin cannot get in. */
  void warnWhenUnset(@Observes StartupEvent event) {
    if (config.adminToken().filter(token -> !token.isBlank()).isEmpty()) {
      LOG.warn(
          "BLINDSPOT_ADMIN_TOKEN is not set: only operator tokens (bso_...) are accepted on /api/");
    }
  }

  @ServerRequestFilter(preMatching = true)
  public Response authenticate(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!path.startsWith(API_PREFIX)) {
      return null; // health, metrics and the OpenAPI document are public
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      return ProblemMapper.unauthorized(
          "missing Authorization header; send `Authorization: Bearer <admin token>`", path);
    }
    if (header.strip().equalsIgnoreCase(BEARER.strip())) {
      return ProblemMapper.unauthorized("empty bearer token", path);
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return ProblemMapper.unauthorized("Authorization must use the Bearer scheme", path);
    }
    Authentication outcome = authenticator.check(header.substring(BEARER.length()));
    if (outcome instanceof Authentication.Refused refused) {
      return ProblemMapper.unauthorized(refused.reason(), path);
    }
    Caller admitted = ((Authentication.Admitted) outcome).caller();
    String method = request.getMethod();
    if (!admitted.role().canWrite() && !isRead(method)) {
      return ProblemMapper.forbidden(
          "operator token '"
              + admitted.name()
              + "' has the role viewer: it reads everything (GET) and changes nothing ("
              + method
              + " refused)",
          path);
    }
    caller.set(admitted);
    return null;
  }

  private static boolean isRead(String method) {
    String upper = method.toUpperCase(Locale.ROOT);
    return upper.equals(HttpMethod.GET) || upper.equals(HttpMethod.HEAD);
  }
}
