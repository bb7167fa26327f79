package io.blindspot.fleet.request;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reads a request without Content-Type as JSON, so that {@code curl -X POST .../enrollment-tokens}
 * without a body gets the defaults instead of 415: JSON is the only body this API accepts anyway.
 */
public class JsonByDefault {

  @ServerRequestFilter(preMatching = true)
  public void assumeJson(ContainerRequestContext request) {
    if (request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null
        && request.getUriInfo().getPath().startsWith("/api/")) {
      request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    }
  }
}
