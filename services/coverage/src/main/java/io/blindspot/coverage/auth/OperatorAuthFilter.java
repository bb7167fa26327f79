package io.blindspot.coverage.auth;

import io.blindspot.core.tokens.TokenDigest;
import io.blindspot.coverage.CoverageConfig;
import io.blindspot.coverage.problem.ProblemMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every /api/ endpoint of this service takes an operator token: the bootstrap admin token or an
 * active operator token of either role (viewer or admin), since nothing here changes anything.
 * Agent tokens are not operator tokens.
 */
public class OperatorAuthFilter {

  private final byte[] adminDigest;
  private final OperatorTokenLookup operatorTokens;

  OperatorAuthFilter(CoverageConfig config, OperatorTokenLookup operatorTokens) {
    this.adminDigest =
        config.adminToken().filter(t -> !t.isBlank()).map(TokenDigest::sha256).orElse(null);
    this.operatorTokens = operatorTokens;
  }

  @ServerRequestFilter
  public Response authenticate(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!path.startsWith("/api/")) {
      return null;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    String token =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : null;
    if (token != null && TokenDigest.matches(token, adminDigest)) {
      return null;
    }
    if (token != null && token.startsWith(OperatorTokenLookup.PREFIX)) {
      // Not pre-matching: this runs on the worker thread of the (blocking) endpoint.
      var found = operatorTokens.find(token);
      if (found.isPresent() && found.get().revokedAt() == null) {
        return null;
      }
      if (found.isPresent()) {
        return ProblemMapper.unauthorized(
            "operator token '"
                + found.get().name()
                + "' was revoked at "
                + found.get().revokedAt().toInstant(),
            path);
      }
    }
    String detail =
        token == null
            ? "an operator token is required: Authorization: Bearer <token>"
            : "the bearer token is not a valid operator token";
    return ProblemMapper.unauthorized(detail, path);
  }
}
