package io.blindspot.coverage.problem;

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
    @Schema(examples = "paths[3]: must not be blank") String detail,
    String instance,
    @Schema(description = "The offending fields, entries or lines, when there are several")
        List<Violation> violations) {

  /** One offending field, entry or line. */
  @Schema(name = "Violation")
  public record Violation(
      @Schema(examples = "job.command[4]") String field,
      @Schema(examples = "unknown option --frobnicate") String message) {}

  public static final String MEDIA_TYPE = "application/problem+json";
}
