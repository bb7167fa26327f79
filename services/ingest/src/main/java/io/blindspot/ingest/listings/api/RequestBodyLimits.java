package io.blindspot.ingest.listings.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.ingest.IngestConfig;
import io.blindspot.ingest.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * The wire limit of each request body, per endpoint. quarkus.http.limits.max-body-size is one limit
 * for every route, and it must let a streamed listing through (blindspot.listings.max-bytes); every
 * other upload is read whole into memory and keeps its own, far smaller, limit
 * (blindspot.uploads.max-bytes), enforced here before a byte of the body is read: a Content-Length
 * over it is answered 413 at once, and a chunked body is cut off at it (Quarkus counts the bytes a
 * streamed body delivers against the limit this handler puts in the routing context). Both limits
 * leave the slack gzip adds to incompressible content; the decompressed size is checked again as
 * the body is inflated.
 */
@ApplicationScoped
public class RequestBodyLimits {

  /** The routing-context key Quarkus REST reads the streamed body's limit from. */
  static final String MAX_REQUEST_SIZE = "io.quarkus.max-request-size";

  /** Runs right after Quarkus' own max-body-size handler (order -2). */
  static final int ORDER = -1;

  /** How far ahead of the service's own count Vert.x may have received a streamed body. */
  static final long STREAM_MARGIN = 1 << 20;

  private static final Pattern LISTING = Pattern.compile("/api/v1/agent/backups/[^/]+/listing/?");

  void install(@Observes Router router, IngestConfig config, ObjectMapper json) {
    long uploads = onTheWire(config.uploads().maxBytes());
    long listings = onTheWire(config.listings().maxBytes());
    router
        .route()
        .order(ORDER)
        .handler(
            context -> {
              long limit = LISTING.matcher(context.normalizedPath()).matches() ? listings : uploads;
              String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
              if (length != null && isOver(length, limit)) {
                tooLarge(context, limit, json);
                return;
              }
              // A streamed body is counted as Vert.x receives it, ahead of what this service has
              // read: the margin lets the service's own count, which answers a 413 problem, trip
              // first.
              context.put(MAX_REQUEST_SIZE, limit + STREAM_MARGIN);
              context.next();
            });
  }

  /** A decompressed limit as a limit on the wire: gzip adds a few bytes per 16 KiB block. */
  static long onTheWire(long maxBytes) {
    return maxBytes + maxBytes / 1000 + 1024;
  }

  private static boolean isOver(String contentLength, long limit) {
    try {
      return Long.parseLong(contentLength.strip()) > limit;
    } catch (NumberFormatException e) {
      return false; // Vert.x refuses a malformed Content-Length itself
    }
  }

  private static void tooLarge(RoutingContext context, long limit, ObjectMapper json) {
    Problem problem =
        new Problem(
            "about:blank",
            "Request Entity Too Large",
            413,
            "the request body exceeds the limit of " + limit + " bytes",
            context.normalizedPath(),
            null);
    String body;
    try {
      body = json.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem always writes as JSON", e);
    }
    context
        .response()
        .setStatusCode(413)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(body);
  }
}
