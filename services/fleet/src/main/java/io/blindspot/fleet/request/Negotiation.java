package io.blindspot.fleet.request;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Picks the representation of an endpoint that answers several media types from one method, so that
 * OpenAPI shows one operation with several contents and the choice follows the Accept header.
 */
public final class Negotiation {

  private Negotiation() {}

  /**
   * The first of {@code offered} (the default first) that the client's Accept header, in its order
   * of preference, admits; the default when there is no Accept header or it admits anything.
   */
  public static String choose(HttpHeaders headers, String... offered) {
    List<MediaType> acceptable = headers == null ? List.of() : headers.getAcceptableMediaTypes();
    for (MediaType accepted : acceptable) {
      for (String candidate : offered) {
        if (accepted.isCompatible(MediaType.valueOf(candidate))) {
          return candidate;
        }
      }
    }
    return offered[0];
  }

  /** Whether the client prefers CSV ({@link CsvWriter}) to JSON, the default. */
  public static boolean csv(HttpHeaders headers) {
    return choose(headers, MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE)
        .equals(CsvWriter.MEDIA_TYPE);
  }
}
