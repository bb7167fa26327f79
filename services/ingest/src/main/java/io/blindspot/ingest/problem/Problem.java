package io.blindspot.ingest.problem;

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
    @Schema(examples = "status:42: expected 'Field: value' or a continuation line, got: oops")
        String detail,
    String instance,
    @Schema(description = "The offending fields, entries or lines, when there are several")
        List<Violation> violations) {

  /**
   * One offending field, entry or line. For a malformed package upload, {@code entry} is the file
   * or archive entry (or JSON pointer) and {@code line} the 1-based line, when known.
   */
  @Schema(name = "Violation")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Violation(
      @Schema(examples = "mounts[0].mountPoint") String field,
      @Schema(examples = "must not be blank") String message,
      @Schema(examples = "var/db/pkg/sys-apps/foo-1.0/SLOT") String entry,
      @Schema(examples = "42") Integer line) {

    public Violation(String field, String message) {
      this(field, message, null, null);
    }
  }

  public static final String MEDIA_TYPE = "application/problem+json";
}
