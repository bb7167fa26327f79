package io.blindspot.core.packages;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The canonical JSON form of a {@link PackageSet} (media type {@code application/json}), used for
 * uploads and for stored snapshots:
 *
 * <pre>{@code
 * {
 *   "manager": "portage",
 *   "packages": [
 *     {"name": "gentoo-sources", "category": "sys-kernel", "version": "6.6.13", "slot": "6.6.13",
 *      "arch": "amd64", "repository": "gentoo", "reason": "explicit",
 *      "configFiles": [{"path": "/etc/x", "algorithm": "md5", "checksum": "0123..."}]}
 *   ],
 *   "world": ["sys-kernel/gentoo-sources"],
 *   "worldSets": ["@kde"]
 * }
 * }</pre>
 *
 * <p>Enum values are lower case ({@link PackageManager#id()}, {@code "explicit"}); null fields are
 * left out when writing and may be given as {@code null} or left out when reading. Required: {@code
 * manager}, {@code packages} (may be empty), and each package's {@code name} and {@code version};
 * {@code path} of each config file. Reading is strict, because a snapshot silently missing a field
 * is worse than a rejected upload: unknown fields, duplicate fields and wrong types are errors.
 * Errors name the JSON pointer ({@link PackageFormatException#entry()}, e.g. {@code
 * /packages/3/version}) and the line.
 *
 * <p>Reading and writing stream token by token, so large sets never exist as a tree.
 */
public final class PackageSetJson {

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private PackageSetJson() {}

  /** A {@link PackageFormatParser} for {@link PackageFormat#CANONICAL_JSON}. */
  public static PackageFormatParser parser() {
    return PackageSetJson::read;
  }

  /** Reads one PackageSet; the stream must hold exactly one JSON object. */
  public static PackageSet read(InputStream in) throws PackageFormatException, IOException {
    try (JsonParser parser = FACTORY.createParser(in)) {
      PackageSet set = new Reader(parser).packageSet();
      if (parser.nextToken() != null) {
        throw new PackageFormatException(
            "", parser.currentLocation().getLineNr(), "trailing content after the JSON object");
      }
      return set;
    } catch (JsonParseException e) {
      throw new PackageFormatException(
          null, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), e.getOriginalMessage());
    }
  }

  /** Reads one PackageSet from a string. */
  public static PackageSet fromJson(String json) throws PackageFormatException {
    try {
      return read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array cannot fail to read
    }
  }

  /** Writes the canonical form, UTF-8, compact. Does not close the stream. */
  public static void write(PackageSet set, OutputStream out) throws IOException {
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      writeSet(set, generator);
    }
  }

  /** The canonical form as a string. */
  public static String toJson(PackageSet set) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(set, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array cannot fail to write
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void writeSet(PackageSet set, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("manager", set.manager().id());
    g.writeArrayFieldStart("packages");
    for (InstalledPackage p : set.packages()) {
      g.writeStartObject();
      g.writeStringField("name", p.name());
      writeOptional(g, "category", p.category());
      g.writeStringField("version", p.version());
      writeOptional(g, "release", p.release());
      if (p.epoch() != null) {
        g.writeNumberField("epoch", p.epoch());
      }
      writeOptional(g, "slot", p.slot());
      writeOptional(g, "subslot", p.subslot());
      writeOptional(g, "arch", p.arch());
      writeOptional(g, "repository", p.repository());
      g.writeStringField("reason", p.reason().name().toLowerCase(Locale.ROOT));
      if (!p.configFiles().isEmpty()) {
        g.writeArrayFieldStart("configFiles");
        for (ConfigFile file : p.configFiles()) {
          g.writeStartObject();
          g.writeStringField("path", file.path());
          writeOptional(g, "algorithm", file.algorithm());
          writeOptional(g, "checksum", file.checksum());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    writeStrings(g, "world", set.world());
    writeStrings(g, "worldSets", set.worldSets());
    g.writeEndObject();
  }

  private static void writeOptional(JsonGenerator g, String field, String value)
      throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }

  private static void writeStrings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String value : values) {
      g.writeString(value);
    }
    g.writeEndArray();
  }

  /** Recursive descent over the token stream; {@code pointer} arguments are JSON pointers. */
  private static final class Reader {
    private final JsonParser parser;

    Reader(JsonParser parser) {
      this.parser = parser;
    }

    PackageSet packageSet() throws IOException, PackageFormatException {
      expect(parser.nextToken(), JsonToken.START_OBJECT, "");
      PackageManager manager = null;
      List<InstalledPackage> packages = null;
      List<String> world = List.of();
      List<String> worldSets = List.of();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        String pointer = "/" + field;
        parser.nextToken();
        switch (field) {
          case "manager" -> {
            String id = requiredString(pointer);
            try {
              manager = PackageManager.fromId(id);
            } catch (IllegalArgumentException e) {
              throw error(pointer, "unknown package manager '" + id + "'");
            }
          }
          case "packages" -> packages = packages(pointer);
          case "world" -> world = strings(pointer);
          case "worldSets" -> worldSets = strings(pointer);
          default -> throw error(pointer, "unknown field '" + field + "'");
        }
      }
      if (manager == null) {
        throw error("/manager", "required field 'manager' is missing");
      }
      if (packages == null) {
        throw error("/packages", "required field 'packages' is missing");
      }
      return new PackageSet(manager, packages, world, worldSets);
    }

    private List<InstalledPackage> packages(String pointer)
        throws IOException, PackageFormatException {
      expect(parser.currentToken(), JsonToken.START_ARRAY, pointer);
      List<InstalledPackage> packages = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        packages.add(installedPackage(pointer + "/" + packages.size()));
      }
      return packages;
    }

    private InstalledPackage installedPackage(String pointer)
        throws IOException, PackageFormatException {
      expect(parser.currentToken(), JsonToken.START_OBJECT, pointer);
      int startLine = parser.currentLocation().getLineNr();
      String name = null;
      String category = null;
      String version = null;
      String release = null;
      Integer epoch = null;
      String slot = null;
      String subslot = null;
      String arch = null;
      String repository = null;
      InstallReason reason = InstallReason.UNKNOWN;
      List<ConfigFile> configFiles = List.of();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        String at = pointer + "/" + field;
        parser.nextToken();
        switch (field) {
          case "name" -> name = optionalString(at);
          case "category" -> category = optionalString(at);
          case "version" -> version = optionalString(at);
          case "release" -> release = optionalString(at);
          case "epoch" -> epoch = optionalInt(at);
          case "slot" -> slot = optionalString(at);
          case "subslot" -> subslot = optionalString(at);
          case "arch" -> arch = optionalString(at);
          case "repository" -> repository = optionalString(at);
          case "reason" -> reason = reason(at);
          case "configFiles" -> configFiles = configFiles(at);
          default -> throw error(at, "unknown field '" + field + "'");
        }
      }
      if (name == null) {
        throw new PackageFormatException(
            pointer + "/name", startLine, "required field 'name' is missing");
      }
      if (version == null) {
        throw new PackageFormatException(
            pointer + "/version", startLine, "required field 'version' is missing");
      }
      return new InstalledPackage(
          name,
          category,
          version,
          release,
          epoch,
          slot,
          subslot,
          arch,
          repository,
          reason,
          configFiles);
    }

    private InstallReason reason(String pointer) throws IOException, PackageFormatException {
      String value = optionalString(pointer);
      if (value == null) {
        return InstallReason.UNKNOWN;
      }
      for (InstallReason reason : InstallReason.values()) {
        if (reason.name().toLowerCase(Locale.ROOT).equals(value)) {
          return reason;
        }
      }
      throw error(pointer, "reason must be explicit, dependency or unknown, got '" + value + "'");
    }

    private List<ConfigFile> configFiles(String pointer)
        throws IOException, PackageFormatException {
      if (parser.currentToken() == JsonToken.VALUE_NULL) {
        return List.of();
      }
      expect(parser.currentToken(), JsonToken.START_ARRAY, pointer);
      List<ConfigFile> files = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        String at = pointer + "/" + files.size();
        expect(parser.currentToken(), JsonToken.START_OBJECT, at);
        int startLine = parser.currentLocation().getLineNr();
        String path = null;
        String algorithm = null;
        String checksum = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          switch (field) {
            case "path" -> path = optionalString(at + "/path");
            case "algorithm" -> algorithm = optionalString(at + "/algorithm");
            case "checksum" -> checksum = optionalString(at + "/checksum");
            default -> throw error(at + "/" + field, "unknown field '" + field + "'");
          }
        }
        if (path == null) {
          throw new PackageFormatException(
              at + "/path", startLine, "required field 'path' is missing");
        }
        files.add(new ConfigFile(path, algorithm, checksum));
      }
      return files;
    }

    private List<String> strings(String pointer) throws IOException, PackageFormatException {
      if (parser.currentToken() == JsonToken.VALUE_NULL) {
        return List.of();
      }
      expect(parser.currentToken(), JsonToken.START_ARRAY, pointer);
      List<String> values = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        values.add(requiredString(pointer + "/" + values.size()));
      }
      return values;
    }

    private String requiredString(String pointer) throws IOException, PackageFormatException {
      String value = optionalString(pointer);
      if (value == null) {
        throw error(pointer, "must not be null");
      }
      return value;
    }

    private String optionalString(String pointer) throws IOException, PackageFormatException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      expect(token, JsonToken.VALUE_STRING, pointer);
      return parser.getText();
    }

    private Integer optionalInt(String pointer) throws IOException, PackageFormatException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      if (token != JsonToken.VALUE_NUMBER_INT
          || parser.getNumberType() != JsonParser.NumberType.INT
          || parser.getIntValue() < 0) {
        throw error(pointer, "must be a non-negative integer, got " + parser.getText());
      }
      return parser.getIntValue();
    }

    private void expect(JsonToken actual, JsonToken expected, String pointer)
        throws PackageFormatException {
      if (actual != expected) {
        throw error(
            pointer,
            "expected "
                + describe(expected)
                + " but found "
                + (actual == null ? "end of input" : describe(actual)));
      }
    }

    private static String describe(JsonToken token) {
      return switch (token) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "an array";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
      };
    }

    private PackageFormatException error(String pointer, String message) {
      return new PackageFormatException(
          pointer.isEmpty() ? "/" : pointer, parser.currentLocation().getLineNr(), message);
    }
  }
}
