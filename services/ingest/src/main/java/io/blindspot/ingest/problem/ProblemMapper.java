package io.blindspot.ingest.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.blindspot.core.backup.RuleRef;
import io.blindspot.ingest.agents.application.AgentUnauthenticated;
import io.blindspot.ingest.agents.application.ConcurrentEnrollment;
import io.blindspot.ingest.agents.application.EnrollmentRefused;
import io.blindspot.ingest.agents.application.HostnameTaken;
import io.blindspot.ingest.backups.application.InvalidBackupJobs;
import io.blindspot.ingest.backups.application.JobConfigRejected;
import io.blindspot.ingest.listings.application.UnknownJob;
import io.blindspot.ingest.uploads.application.MalformedReport;
import io.blindspot.ingest.uploads.application.MalformedUpload;
import io.blindspot.ingest.uploads.application.UnsupportedUpload;
import io.blindspot.ingest.uploads.application.UploadTooLarge;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into application/problem+json; the only exception mapper of the service. */
public class ProblemMapper {

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    return problem(status, e.getMessage(), uri, null);
  }

  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
    List<Problem.Violation> violations =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.Violation(field(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.Violation::field))
            .toList();
    String detail =
        violations.isEmpty()
            ? e.getMessage()
            : violations.stream()
                .map(v -> v.field() + ": " + v.message())
                .collect(Collectors.joining("; "));
    return problem(400, detail, uri, violations.isEmpty() ? null : violations);
  }

  @ServerExceptionMapper
  public Response malformedJson(JsonProcessingException e, UriInfo uri) {
    String field = e instanceof JsonMappingException m ? path(m) : null;
    String message = e.getOriginalMessage();
    String detail = field == null || field.isEmpty() ? message : field + ": " + message;
    if (e.getLocation() != null) {
      detail +=
          " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")";
    }
    List<Problem.Violation> violations =
        field == null || field.isEmpty() ? null : List.of(new Problem.Violation(field, message));
    return problem(400, "malformed JSON: " + detail, uri, violations);
  }

  // Quarkus REST brings its own mappers for these two; these, exact matches, take precedence.
  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
    return malformedJson(e, uri);
  }

  @ServerExceptionMapper
  public Response unparsableJson(JsonParseException e, UriInfo uri) {
    return malformedJson(e, uri);
  }

  /** A native package database the parser rejects: the problem names the entry and line. */
  @ServerExceptionMapper
  public Response malformedReport(MalformedReport e, UriInfo uri) {
    Integer line = e.line() > 0 ? e.line() : null;
    String field = e.entry() != null ? e.entry() : line != null ? "line " + line : "body";
    return problem(
        400,
        e.getMessage(),
        uri,
        List.of(new Problem.Violation(field, e.getMessage(), e.entry(), line)));
  }

  /** Job descriptors with invalid fields: each violation names one, as in "[2].command". */
  @ServerExceptionMapper
  public Response invalidBackupJobs(InvalidBackupJobs e, UriInfo uri) {
    return problem(
        400,
        e.getMessage(),
        uri,
        e.violations().stream().map(v -> new Problem.Violation(v.field(), v.message())).toList());
  }

  /**
   * A job its tool's engine cannot compile: names the job, and the field at fault: the argv element
   * ("[0].command[3]", where line is the argv index) or the file ("[0].files[\"/etc/x\"]").
   */
  @ServerExceptionMapper
  public Response jobConfigRejected(JobConfigRejected e, UriInfo uri) {
    String job = "[" + e.index() + "]";
    String field;
    if (e.file() == null) {
      field = job;
    } else if (RuleRef.COMMAND_LINE.equals(e.file())) {
      field = job + ".command" + (e.line() > 0 ? "[" + e.line() + "]" : "");
    } else {
      field = job + ".files[\"" + e.file() + "\"]";
    }
    return problem(
        422,
        e.getMessage(),
        uri,
        List.of(
            new Problem.Violation(
                field, e.getCause().getMessage(), e.file(), e.line() > 0 ? e.line() : null)));
  }

  @ServerExceptionMapper
  public Response unknownJob(UnknownJob e, UriInfo uri) {
    return problem(404, e.getMessage(), uri, null);
  }

  @ServerExceptionMapper
  public Response malformedUpload(MalformedUpload e, UriInfo uri) {
    return problem(400, e.getMessage(), uri, null);
  }

  @ServerExceptionMapper
  public Response enrollmentRefused(EnrollmentRefused e, UriInfo uri) {
    return problem(401, e.getMessage(), uri, null);
  }

  @ServerExceptionMapper
  public Response agentUnauthenticated(AgentUnauthenticated e, UriInfo uri) {
    return Response.fromResponse(problem(401, e.getMessage(), uri, null))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"blindspot-agent\"")
        .build();
  }

  @ServerExceptionMapper
  public Response hostnameTaken(HostnameTaken e, UriInfo uri) {
    return problem(409, e.getMessage(), uri, null);
  }

  @ServerExceptionMapper
  public Response concurrentEnrollment(ConcurrentEnrollment e, UriInfo uri) {
    return problem(409, e.getMessage(), uri, null);
  }

  @ServerExceptionMapper
  public Response uploadTooLarge(UploadTooLarge e, UriInfo uri) {
    return problem(413, e.getMessage(), uri, null);
  }

  @ServerExceptionMapper
  public Response unsupportedUpload(UnsupportedUpload e, UriInfo uri) {
    return problem(415, e.getMessage(), uri, null);
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e, UriInfo uri) {
    LOG.error("unexpected failure on " + uri.getPath(), e);
    return problem(500, "internal error; the server log has the details", uri, null);
  }

  static Response problem(
      int status, String detail, UriInfo uri, List<Problem.Violation> violations) {
    Response.Status known = Response.Status.fromStatusCode(status);
    // Jakarta REST has no constant for 422; its reason phrase is RFC 9110's.
    String title =
        known != null
            ? known.getReasonPhrase()
            : status == 422 ? "Unprocessable Content" : "HTTP " + status;
    Problem body =
        new Problem(
            "about:blank", title, status, detail, uri == null ? null : uri.getPath(), violations);
    return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
  }

  /**
   * The field as the client named it: "enroll.request.hostname" becomes "hostname" (method and
   * parameter nodes dropped), "mounts[0].mountPoint" stays as it is.
   */
  private static String field(ConstraintViolation<?> violation) {
    StringBuilder field = new StringBuilder();
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
        continue;
      }
      // The index or key of an iterable belongs to the node after it: mounts[0].mountPoint.
      if (node.isInIterable() && (node.getIndex() != null || node.getKey() != null)) {
        field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey());
        field.append(']');
      }
      if (node.getName() != null && !node.getName().startsWith("<")) {
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(node.getName());
      }
    }
    return field.isEmpty() ? "body" : field.toString();
  }

  private static String path(JsonMappingException e) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        field.append('[').append(ref.getIndex()).append(']');
      }
    }
    return field.toString();
  }
}
