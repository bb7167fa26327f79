package io.blindspot.fleet.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.blindspot.core.policy.PolicyFormatException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into application/problem+json; the only exception mapper of the service. */
public class ProblemMapper {

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

  @ServerExceptionMapper
  public Response invalidParameter(InvalidParameter e, UriInfo uri) {
    return problem(400, e.getMessage(), uri, null);
  }

  /** A policy or selector document that cannot be used: the message names the field and line. */
  @ServerExceptionMapper
  public Response policyFormat(PolicyFormatException e, UriInfo uri) {
    List<Problem.Violation> violations =
        e.field() == null || e.field().isEmpty()
            ? null
            : List.of(new Problem.Violation(e.field(), e.getMessage()));
    return problem(400, e.getMessage(), uri, violations);
  }

  @ServerExceptionMapper
  public Response notFound(NotFound e, UriInfo uri) {
    return problem(404, e.getMessage(), uri, null);
  }

  @ServerExceptionMapper
  public Response conflict(Conflict e, UriInfo uri) {
    return problem(409, e.getMessage(), uri, null);
  }

  @ServerExceptionMapper
  public Response unauthorized(Unauthorized e, UriInfo uri) {
    return unauthorized(e.getMessage(), uri == null ? null : uri.getPath());
  }

  @ServerExceptionMapper
  public Response forbidden(Forbidden e, UriInfo uri) {
    return forbidden(e.getMessage(), uri == null ? null : uri.getPath());
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    // Quarkus REST wraps unparsable bodies in a bare 400; the parser's message is the useful part.
    if (e.getCause() instanceof JsonProcessingException json) {
      return malformedJson(json, uri);
    }
    int status = e.getResponse().getStatus();
    return problem(status, e.getMessage(), uri, null);
  }

  /** Declared apart because Quarkus ships its own, more specific mapper answering plain JSON. */
  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
    return malformedJson(e, uri);
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
  public Response unexpected(Exception e, UriInfo uri) {
    if (databaseUnreachable(e)) {
      // Not a bug of ours: say so, so clients retry and alerts point at the database.
      LOG.warnf("database unreachable on %s: %s", uri.getPath(), e.getMessage());
      return problem(503, "the database is unreachable; try again later", uri, null);
    }
    LOG.error("unexpected failure on " + uri.getPath(), e);
    return problem(500, "internal error; the server log has the details", uri, null);
  }

  /** SQLState class 08 is "connection exception", whatever layer wrapped it. */
  private static boolean databaseUnreachable(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** A 401 that also tells the client which scheme to use (RFC 9110 requires the header). */
  public static Response unauthorized(String detail, String path) {
    Problem body = new Problem("about:blank", "Unauthorized", 401, detail, path, null);
    return Response.status(401)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"blindspot\"")
        .type(Problem.MEDIA_TYPE)
        .entity(body)
        .build();
  }

  /** A 403: the caller is authenticated, its role does not allow this request. */
  public static Response forbidden(String detail, String path) {
    Problem body = new Problem("about:blank", "Forbidden", 403, detail, path, null);
    return Response.status(403).type(Problem.MEDIA_TYPE).entity(body).build();
  }

  static Response problem(
      int status, String detail, UriInfo uri, List<Problem.Violation> violations) {
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known == null ? "HTTP " + status : known.getReasonPhrase();
    Problem body =
        new Problem(
            "about:blank", title, status, detail, uri == null ? null : uri.getPath(), violations);
    return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
  }

  /** "patch.request.labels" → "labels": drop the method and parameter names. */
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
