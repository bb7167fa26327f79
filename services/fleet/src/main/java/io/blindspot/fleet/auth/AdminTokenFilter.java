package io.blindspot.fleet.auth;

import io.blindspot.core.tokens.AgentToken;
import io.blindspot.fleet.FleetConfig;
import io.blindspot.fleet.problem.ProblemMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Admits only the operator's admin token on {@code /api/}. Runs before resource matching, so an
 * unauthenticated client cannot probe which paths or hostnames exist (every answer is 401).
 */
public class AdminTokenFilter {

  static final String API_PREFIX = "/api/";
  private static final Logger LOG = Logger.getLogger(AdminTokenFilter.class);
  private static final String BEARER = "Bearer ";

  private final FleetConfig config;
  private final CurrentCaller caller;

  public AdminTokenFilter(FleetConfig config, CurrentCaller caller) {
    this.config = config;
    this.caller = caller;
  }

  /** Says at startup, not at the first refused request, that no operator can get in. */
  void warnWhenUnset(@Observes StartupEvent event) {
    if (config.adminToken().filter(token -> !token.isBlank()).isEmpty()) {
      LOG.warn("BLINDSPOT_ADMIN_TOKEN is not set: every /api/ request will be refused with 401");
    }
  }

  @ServerRequestFilter(preMatching = true)
  public Response requireAdminToken(ContainerRequestContext request) {
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
    String presented = header.substring(BEARER.length()).strip();
    if (presented.startsWith(AgentToken.PREFIX)) {
      return ProblemMapper.unauthorized(
          "agent tokens (bsa_...) only work on the ingest service; use the admin token", path);
    }
    String expected = config.adminToken().filter(token -> !token.isBlank()).orElse(null);
    if (expected == null) {
      return ProblemMapper.unauthorized(
          "this service has no admin token configured (BLINDSPOT_ADMIN_TOKEN)", path);
    }
    // Constant time, so response timing does not leak how much of a guess was right.
    if (!MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
      return ProblemMapper.unauthorized("unknown bearer token", path);
    }
    caller.set(Caller.BOOTSTRAP_ADMIN);
    return null;
  }
}
