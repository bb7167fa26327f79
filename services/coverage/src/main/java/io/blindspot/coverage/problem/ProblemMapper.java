package io.blindspot.coverage.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.blindspot.core.backup.JobConfigException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into application/problem+json; the only exception mapper of the service. */
public class ProblemMapper {

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    // RESTEasy Reactive wraps a body Jackson could not read in a plain 400: say what was wrong
    if (e.getCause() instanceof JsonProcessingException json) {
      return malformedJson(json, uri);
    }
    int status = e.getResponse().getStatus();
    return problem(status, e.getMessage(), uri, null);
  }

  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
    List<Problem.Violation> violations =
        e.getConstraintViolations().stream()
            .map(
                v ->
                    new Problem.Violation(
                        lastNodes(v.getPropertyPath().toString()), v.getMessage()))
            .sorted((a, b) -> a.field().compareTo(b.field()))
            .toList();
    String detail =
        violations.stream()
            .map(v -> v.field() + ": " + v.message())
            .collect(Collectors.joining("; "));
    return problem(400, detail, uri, violations);
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
    return problem(400, "malformed JSON: " + detail, uri, null);
  }

  @ServerExceptionMapper
  public Response jobConfig(JobConfigException e, UriInfo uri) {
    String field = e.file() == null ? "job" : e.file() + (e.line() > 0 ? ":" + e.line() : "");
    return problem(422, e.getMessage(), uri, List.of(new Problem.Violation(field, e.getMessage())));
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e, UriInfo uri) {
    LOG.error("unexpected failure on " + uri.getPath(), e);
    return problem(500, "internal error; the server log has the details", uri, null);
  }

  static Response problem(
      int status, String detail, UriInfo uri, List<Problem.Violation> violations) {
    return problem(status, detail, uri == null ? null : uri.getPath(), violations).build();
  }

  public static Response.ResponseBuilder problem(
      int status, String detail, String instance, List<Problem.Violation> violations) {
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known == null ? "HTTP " + status : known.getReasonPhrase();
    Problem body = new Problem("about:blank", title, status, detail, instance, violations);
    return Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
  }

  public static Response unauthorized(String detail, String instance) {
    return problem(401, detail, instance, null)
        .header("WWW-Authenticate", "Bearer realm=\"blindspot\"")
        .build();
  }

  /** "evaluate.request.paths[3]" → "paths[3]": drop the method and parameter names. */
  private static String lastNodes(String propertyPath) {
    String[] parts = propertyPath.split("\\.", 3);
    return parts.length == 3 ? parts[2] : propertyPath;
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
