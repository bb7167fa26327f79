package io.blindspot.fleet.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes RFC 4180 CSV (CRLF line ends; a field holding a comma, a quote, CR or LF is quoted, its
 * quotes doubled) to a stream as rows come, so an export of any size runs in constant memory. Every
 * list endpoint answers {@code Accept: text/csv} through {@link #response}.
 */
public final class CsvWriter {

  public static final String MEDIA_TYPE = "text/csv";
  private static final String CONTENT_TYPE = MEDIA_TYPE + "; charset=utf-8; header=present";

  // Structured fields (labels, nested objects) go into one cell as the JSON the API would show.
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final OutputStream stream;
  private final Writer out;

  CsvWriter(OutputStream stream) {
    this.stream = stream;
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
  }

  /**
   * The response stream after what was written so far, for records that come already encoded (the
   * database's own CSV, see {@code Sql.copyCsv}); rows written through it must be RFC 4180 records.
   */
  public OutputStream stream() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return stream;
  }

  /**
   * A 200 response whose body is {@code header} then whatever {@code rows} writes, streamed while
   * the response is sent (rows may come from a database cursor).
   */
  public static Response response(String filename, List<String> header, Consumer<CsvWriter> rows) {
    StreamingOutput body =
        stream -> {
          CsvWriter csv = new CsvWriter(stream);
          csv.row(header.toArray());
          rows.accept(csv);
          csv.out.flush();
        };
    return Response.ok(body, CONTENT_TYPE)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + ".csv\"")
        .build();
  }

  /**
   * Like {@link #response}, for a listing of the API's own item records: the header is the record's
   * component names (the JSON field names) and each row its values, structured ones as JSON. {@code
   * source} hands every item to the consumer it is given.
   */
  public static <R extends Record> Response records(
      String filename, Class<R> type, Consumer<Consumer<R>> source) {
    RecordComponent[] components = type.getRecordComponents();
    List<String> header = Arrays.stream(components).map(RecordComponent::getName).toList();
    return response(
        filename,
        header,
        csv ->
            source.accept(
                item -> {
                  Object[] fields = new Object[components.length];
                  for (int i = 0; i < components.length; i++) {
                    fields[i] = cell(value(components[i], item));
                  }
                  csv.row(fields);
                }));
  }

  private static Object value(RecordComponent component, Record item) {
    try {
      return component.getAccessor().invoke(item);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName(), e);
    }
  }

  private static Object cell(Object value) {
    if (value == null
        || value instanceof CharSequence
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof TemporalAccessor
        || value instanceof java.util.UUID
        || value instanceof Enum<?>) {
      return value;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One record; null is an empty field, anything else its {@code toString()}. */
  public CsvWriter row(Object... fields) {
    try {
      for (int i = 0; i < fields.length; i++) {
        if (i > 0) {
          out.write(',');
        }
        Object field = fields[i];
        if (field != null) {
          field(field.toString());
        }
      }
      out.write("\r\n");
      return this;
    } catch (IOException e) {
      // The client went away: stop producing rows (the cursor is closed by the caller's finally).
      throw new UncheckedIOException(e);
    }
  }

  private void field(String text) throws IOException {
    if (!needsQuotes(text)) {
      out.write(text);
      return;
    }
    // Runs between quotes go out whole: evidence cells are JSON, full of quotes, and a write per
    // character (each one taking the writer's lock) was what bounded the export's rows per second.
    out.write('"');
    int start = 0;
    for (int quote = text.indexOf('"'); quote >= 0; quote = text.indexOf('"', quote + 1)) {
      out.write(text, start, quote + 1 - start);
      out.write('"');
      start = quote + 1;
    }
    out.write(text, start, text.length() - start);
    out.write('"');
  }

  private static boolean needsQuotes(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '"' || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }
}
