package io.blindspot.fleet.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail, the body of every error this service answers. */
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    @Schema(examples = "about:blank") String type,
    @Schema(examples = "Bad Request") String title,
    @Schema(examples = "400") int status,
    @Schema(examples = "after: not a cursor this endpoint issued") String detail,
    @Schema(examples = "/api/v1/servers") String instance,
    @Schema(description = "The offending fields, when there are several")
        List<Violation> violations) {

  /** One offending field. */
  @Schema(name = "Violation")
  public record Violation(
      @Schema(examples = "labels.env") String field,
      @Schema(examples = "size must be between 0 and 256") String message) {}

  public static final String MEDIA_TYPE = "application/problem+json";
}
