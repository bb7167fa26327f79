package io.blindspot.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.blindspot.core.coverage.Readiness;
import io.blindspot.core.world.AssetKind;
import io.blindspot.core.world.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads policies from JSON or YAML, checking every field and naming the first one that is wrong
 * (with its line in the text), and writes them back in the same canonical shape.
 *
 * <p>Unknown fields and requirement types are rejected rather than ignored: a misspelt {@code
 * maxage} silently dropped would make a policy pass that should fail.
 */
public final class PolicyParser {

  /** Largest policy document, as text. */
  public static final int MAX_BYTES = 64 * 1024;

  public static final int MAX_REQUIREMENTS = 50;
  public static final int MAX_DESCRIPTION = 2000;
  public static final int MAX_LABELS = 50;
  public static final int MAX_STRING = 256;
  public static final int MAX_PATH = 4096;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Set<String> POLICY_FIELDS =
      Set.of("name", "description", "severity", "enabled", "selector", "requirements");
  private static final Set<String> SELECTOR_FIELDS =
      Set.of("labels", "osFamily", "package", "hostname");
  private static final Map<String, Set<String>> REQUIREMENT_FIELDS =
      Map.of(
          Requirement.AssetsCovered.TYPE, Set.of("id", "type", "kinds"),
          Requirement.NoUncovered.TYPE, Set.of("id", "type", "severity"),
          Requirement.MountsCovered.TYPE, Set.of("id", "type"),
          Requirement.FreshBackup.TYPE, Set.of("id", "type", "path", "maxAge"),
          Requirement.ReadinessIs.TYPE, Set.of("id", "type", "is"),
          Requirement.PathCovered.TYPE, Set.of("id", "type", "path"));

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .build();

  private PolicyParser() {}

  /** A policy from its JSON text. */
  public static Policy fromJson(String text) {
    return fromText(JSON, text, "JSON");
  }

  /** A policy from its YAML text. */
  public static Policy fromYaml(String text) {
    return fromText(YAML, text, "YAML");
  }

  /** A policy from an already parsed tree (no line numbers in errors). */
  public static Policy fromTree(JsonNode tree) {
    return new Reader(Map.of()).policy(tree);
  }

  /**
   * A policy as stored: like {@link #fromTree}, except that a document without requirements reads
   * as a policy with none (which every server passes), since rows written by hand or by older
   * versions must not make the whole policy set unreadable.
   */
  public static Policy fromStored(JsonNode tree) {
    return new Reader(Map.of(), true).policy(tree);
  }

  /** A selector from an already parsed tree; errors name {@code field}. */
  public static Selector selector(JsonNode tree, String field) {
    return new Reader(Map.of()).selector(tree, Field.root(field));
  }

  /** The canonical form: name, description, severity, enabled, selector, requirements. */
  public static Map<String, Object> toMap(Policy policy) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", policy.name());
    map.put("description", policy.description());
    map.put("severity", policy.severity().id());
    map.put("enabled", policy.enabled());
    map.putAll(document(policy));
    return map;
  }

  /** The part that is neither name nor flags: selector and requirements. */
  public static Map<String, Object> document(Policy policy) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("selector", toMap(policy.selector()));
    map.put("requirements", policy.requirements().stream().map(PolicyParser::toMap).toList());
    return map;
  }

  public static Map<String, Object> toMap(Selector selector) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (!selector.labels().isEmpty()) {
      map.put("labels", new TreeMap<>(selector.labels()));
    }
    if (!selector.osFamily().isEmpty()) {
      map.put("osFamily", selector.osFamily());
    }
    if (selector.packageName() != null) {
      map.put("package", selector.packageName());
    }
    if (selector.hostname() != null) {
      map.put("hostname", selector.hostname());
    }
    return map;
  }

  public static Map<String, Object> toMap(Requirement requirement) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", requirement.id());
    map.put("type", requirement.type());
    if (requirement instanceof Requirement.AssetsCovered r) {
      map.put("kinds", r.kinds().stream().map(AssetKind::id).toList());
    } else if (requirement instanceof Requirement.NoUncovered r) {
      map.put("severity", r.severity().id());
    } else if (requirement instanceof Requirement.FreshBackup r) {
      map.put("path", r.path());
      map.put("maxAge", r.maxAge().toString());
    } else if (requirement instanceof Requirement.ReadinessIs r) {
      map.put("is", r.is().name());
    } else if (requirement instanceof Requirement.PathCovered r) {
      map.put("path", r.path());
    }
    return map;
  }

  public static String toJson(Policy policy) {
    return write(JSON, toMap(policy));
  }

  public static String toYaml(Policy policy) {
    return write(YAML, toMap(policy));
  }

  private static String write(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Policy fromText(ObjectMapper mapper, String text, String format) {
    if (text == null || text.isBlank()) {
      throw new PolicyFormatException("", "the body is empty; expected a policy in " + format, 0);
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new PolicyFormatException(
          "", "a policy document is at most " + MAX_BYTES + " bytes", 0);
    }
    JsonNode tree;
    Map<String, Integer> lines;
    try {
      tree = mapper.readTree(text);
      lines = lines(mapper.getFactory(), text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new PolicyFormatException(
          "", "malformed " + format + ": " + e.getOriginalMessage(), line);
    } catch (IOException e) {
      throw new PolicyFormatException("", "unreadable " + format + ": " + e.getMessage(), 0);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new PolicyFormatException("", "the body is empty; expected a policy in " + format, 0);
    }
    return new Reader(lines).policy(tree);
  }

  /** The line each value starts on, by JSON pointer ("/requirements/2/maxAge"). */
  private static Map<String, Integer> lines(JsonFactory factory, String text) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = factory.createParser(text)) {
      JsonToken token;
      while ((token = p.nextToken()) != null) {
        JsonStreamContext context = p.getParsingContext();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          context = context.getParent();
        }
        if (context != null && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
          lines.putIfAbsent(context.pathAsPointer().toString(), p.getTokenLocation().getLineNr());
        }
      }
    }
    return lines;
  }

  /** A field's name as operators read it, and its JSON pointer for the line lookup. */
  private record Field(String display, String pointer) {
    static Field root(String name) {
      return name == null || name.isEmpty() ? new Field("", "") : new Field(name, "/" + name);
    }

    Field child(String name) {
      return new Field(display.isEmpty() ? name : display + "." + name, pointer + "/" + name);
    }

    Field index(int i) {
      return new Field(display + "[" + i + "]", pointer + "/" + i);
    }
  }

  private static final class Reader {
    private final Map<String, Integer> lines;
    private final boolean stored;

    Reader(Map<String, Integer> lines) {
      this(lines, false);
    }

    Reader(Map<String, Integer> lines, boolean stored) {
      this.lines = lines;
      this.stored = stored;
    }

    PolicyFormatException error(Field field, String problem) {
      String pointer = field.pointer();
      Integer line = lines.get(pointer);
      while (line == null && !pointer.isEmpty()) {
        pointer = pointer.substring(0, pointer.lastIndexOf('/'));
        line = lines.get(pointer);
      }
      return new PolicyFormatException(field.display(), problem, line == null ? 0 : line);
    }

    Policy policy(JsonNode node) {
      Field root = new Field("", "");
      object(node, root, POLICY_FIELDS, "a policy");
      String name = requiredText(node, root.child("name"), 63);
      if (!NAME.matcher(name).matches()) {
        throw error(
            root.child("name"),
            "'"
                + name
                + "' must be 1-63 lower-case letters, digits or '-', starting with a letter or"
                + " digit");
      }
      String description = optionalText(node, root.child("description"), MAX_DESCRIPTION);
      Severity severity = severity(node, root.child("severity"));
      boolean enabled = true;
      JsonNode enabledNode = node.get("enabled");
      if (enabledNode != null && !enabledNode.isNull()) {
        if (!enabledNode.isBoolean()) {
          throw error(root.child("enabled"), "must be true or false");
        }
        enabled = enabledNode.booleanValue();
      }
      JsonNode selectorNode = node.get("selector");
      Selector selector =
          selectorNode == null || selectorNode.isNull()
              ? Selector.ANY
              : selector(selectorNode, root.child("selector"));
      JsonNode requirementsNode = node.get("requirements");
      Field requirementsField = root.child("requirements");
      if (stored
          && (requirementsNode == null
              || requirementsNode.isNull()
              || (requirementsNode.isArray() && requirementsNode.isEmpty()))) {
        return new Policy(name, description, severity, enabled, selector, List.of());
      }
      if (requirementsNode == null || requirementsNode.isNull()) {
        throw error(requirementsField, "required: a list of requirements");
      }
      if (!requirementsNode.isArray()) {
        throw error(requirementsField, "must be a list of requirements");
      }
      if (requirementsNode.isEmpty()) {
        throw error(requirementsField, "a policy needs at least one requirement");
      }
      if (requirementsNode.size() > MAX_REQUIREMENTS) {
        throw error(requirementsField, "at most " + MAX_REQUIREMENTS + " requirements");
      }
      Set<String> explicit = new HashSet<>();
      for (int i = 0; i < requirementsNode.size(); i++) {
        JsonNode id = requirementsNode.get(i).get("id");
        if (id != null && id.isTextual() && !explicit.add(id.textValue())) {
          throw error(
              requirementsField.index(i).child("id"),
              "duplicate requirement id '" + id.textValue() + "'");
        }
      }
      Set<String> used = new HashSet<>(explicit);
      List<Requirement> requirements = new ArrayList<>();
      for (int i = 0; i < requirementsNode.size(); i++) {
        requirements.add(requirement(requirementsNode.get(i), requirementsField.index(i), used));
      }
      return new Policy(name, description, severity, enabled, selector, requirements);
    }

    Selector selector(JsonNode node, Field field) {
      object(node, field, SELECTOR_FIELDS, "a selector");
      Map<String, String> labels = new LinkedHashMap<>();
      JsonNode labelsNode = node.get("labels");
      if (labelsNode != null && !labelsNode.isNull()) {
        Field labelsField = field.child("labels");
        if (!labelsNode.isObject()) {
          throw error(labelsField, "must be an object of label names to values");
        }
        if (labelsNode.size() > MAX_LABELS) {
          throw error(labelsField, "at most " + MAX_LABELS + " labels");
        }
        Iterator<Map.Entry<String, JsonNode>> it = labelsNode.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> label = it.next();
          Field labelField = labelsField.child(label.getKey());
          if (label.getKey().isEmpty() || label.getKey().length() > MAX_STRING) {
            throw error(labelField, "a label name is 1-" + MAX_STRING + " characters");
          }
          JsonNode value = label.getValue();
          if (!value.isValueNode() || value.isNull()) {
            throw error(labelField, "a label value must be a string");
          }
          if (value.asText().length() > MAX_STRING) {
            throw error(labelField, "at most " + MAX_STRING + " characters");
          }
          labels.put(label.getKey(), value.asText());
        }
      }
      List<String> osFamily = new ArrayList<>();
      JsonNode familyNode = node.get("osFamily");
      Field familyField = field.child("osFamily");
      if (familyNode != null && !familyNode.isNull()) {
        if (familyNode.isTextual()) {
          osFamily.add(word(familyNode, familyField));
        } else if (familyNode.isArray()) {
          if (familyNode.size() > MAX_LABELS) {
            throw error(familyField, "at most " + MAX_LABELS + " OS families");
          }
          for (int i = 0; i < familyNode.size(); i++) {
            osFamily.add(word(familyNode.get(i), familyField.index(i)));
          }
        } else {
          throw error(familyField, "must be a list of OS families (\"debian\", \"gentoo\", ...)");
        }
      }
      String packageName = optionalText(node, field.child("package"), MAX_STRING);
      if (packageName != null && (packageName.isBlank() || packageName.contains(" "))) {
        throw error(field.child("package"), "not a package name: '" + packageName + "'");
      }
      String hostname = optionalText(node, field.child("hostname"), MAX_STRING);
      if (hostname != null && hostname.isBlank()) {
        throw error(field.child("hostname"), "must not be empty");
      }
      return new Selector(labels, osFamily, packageName, hostname);
    }

    Requirement requirement(JsonNode node, Field field, Set<String> used) {
      if (!node.isObject()) {
        throw error(field, "must be a requirement object with a \"type\"");
      }
      JsonNode typeNode = node.get("type");
      if (typeNode == null || typeNode.isNull()) {
        throw error(
            field.child("type"), "required; one of " + String.join(", ", Requirement.TYPES));
      }
      if (!typeNode.isTextual() || !REQUIREMENT_FIELDS.containsKey(typeNode.textValue())) {
        throw error(
            field.child("type"),
            "unknown requirement type '"
                + typeNode.asText()
                + "'; one of "
                + String.join(", ", Requirement.TYPES));
      }
      String type = typeNode.textValue();
      object(node, field, REQUIREMENT_FIELDS.get(type), "a " + type + " requirement");
      String id = optionalText(node, field.child("id"), 63);
      if (id != null) {
        if (!NAME.matcher(id).matches()) {
          throw error(
              field.child("id"), "'" + id + "' must be 1-63 lower-case letters, digits or '-'");
        }
      } else {
        id = type;
        for (int n = 2; used.contains(id); n++) {
          id = type + "-" + n;
        }
        used.add(id);
      }
      return switch (type) {
        case Requirement.AssetsCovered.TYPE ->
            new Requirement.AssetsCovered(id, kinds(node, field));
        case Requirement.NoUncovered.TYPE ->
            new Requirement.NoUncovered(id, severity(node, field.child("severity")));
        case Requirement.MountsCovered.TYPE -> new Requirement.MountsCovered(id);
        case Requirement.FreshBackup.TYPE ->
            new Requirement.FreshBackup(
                id, path(node, field.child("path")), maxAge(node, field.child("maxAge")));
        case Requirement.ReadinessIs.TYPE ->
            new Requirement.ReadinessIs(id, readiness(node, field));
        case Requirement.PathCovered.TYPE ->
            new Requirement.PathCovered(id, path(node, field.child("path")));
        default -> throw new IllegalStateException(type);
      };
    }

    private List<AssetKind> kinds(JsonNode node, Field field) {
      Field kindsField = field.child("kinds");
      JsonNode kindsNode = node.get("kinds");
      String known =
          Arrays.stream(AssetKind.values()).map(AssetKind::id).collect(Collectors.joining(", "));
      if (kindsNode == null || kindsNode.isNull()) {
        throw error(kindsField, "required: a list of asset kinds (" + known + ")");
      }
      if (!kindsNode.isArray() || kindsNode.isEmpty()) {
        throw error(kindsField, "must be a non-empty list of asset kinds (" + known + ")");
      }
      Set<AssetKind> kinds = new LinkedHashSet<>();
      for (int i = 0; i < kindsNode.size(); i++) {
        JsonNode kind = kindsNode.get(i);
        Field kindField = kindsField.index(i);
        AssetKind parsed =
            Arrays.stream(AssetKind.values())
                .filter(k -> kind.isTextual() && k.id().equals(kind.textValue()))
                .findFirst()
                .orElseThrow(
                    () ->
                        error(
                            kindField,
                            "unknown asset kind '" + kind.asText() + "'; one of " + known));
        kinds.add(parsed);
      }
      return List.copyOf(kinds);
    }

    private Severity severity(JsonNode node, Field field) {
      String known =
          Arrays.stream(Severity.values()).map(Severity::id).collect(Collectors.joining(", "));
      JsonNode value = node.get(field.pointer().substring(field.pointer().lastIndexOf('/') + 1));
      if (value == null || value.isNull()) {
        throw error(field, "required; one of " + known);
      }
      String text = value.isTextual() ? value.textValue().toLowerCase(Locale.ROOT) : "";
      return Arrays.stream(Severity.values())
          .filter(s -> s.id().equals(text))
          .findFirst()
          .orElseThrow(
              () -> error(field, "unknown severity '" + value.asText() + "'; one of " + known));
    }

    private Readiness readiness(JsonNode node, Field field) {
      Field isField = field.child("is");
      String known =
          Arrays.stream(Readiness.values()).map(Readiness::name).collect(Collectors.joining(", "));
      JsonNode value = node.get("is");
      if (value == null || value.isNull()) {
        throw error(isField, "required; one of " + known);
      }
      String text = value.isTextual() ? value.textValue().toUpperCase(Locale.ROOT) : "";
      return Arrays.stream(Readiness.values())
          .filter(r -> r.name().equals(text))
          .findFirst()
          .orElseThrow(
              () -> error(isField, "unknown readiness '" + value.asText() + "'; one of " + known));
    }

    private String path(JsonNode node, Field field) {
      String path = requiredText(node, field, MAX_PATH);
      String problem = null;
      if (!path.startsWith("/")) {
        problem = "must be an absolute path";
      } else if (path.contains("//")) {
        problem = "must not contain '//'";
      } else if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        problem = "must not contain control characters";
      } else if (Arrays.stream(path.split("/")).anyMatch(s -> s.equals(".") || s.equals(".."))) {
        problem = "must not contain '.' or '..' segments";
      }
      if (problem != null) {
        throw error(field, problem + ", got '" + path + "'");
      }
      return path;
    }

    private Duration maxAge(JsonNode node, Field field) {
      String text = requiredText(node, field, MAX_STRING);
      Duration duration;
      try {
        duration = Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw error(field, "not an ISO-8601 duration (PT26H, P2D), got '" + text + "'");
      }
      if (duration.isNegative() || duration.isZero()) {
        throw error(field, "must be positive, got '" + text + "'");
      }
      return duration;
    }

    private String word(JsonNode node, Field field) {
      if (!node.isTextual() || node.textValue().isBlank() || node.textValue().length() > 64) {
        throw error(field, "must be a non-empty string of at most 64 characters");
      }
      return node.textValue();
    }

    private String requiredText(JsonNode node, Field field, int max) {
      String text = optionalText(node, field, max);
      if (text == null || text.isEmpty()) {
        throw error(field, "required");
      }
      return text;
    }

    private String optionalText(JsonNode node, Field field, int max) {
      String name = field.pointer().substring(field.pointer().lastIndexOf('/') + 1);
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isTextual()) {
        throw error(field, "must be a string");
      }
      if (value.textValue().length() > max) {
        throw error(field, "at most " + max + " characters");
      }
      return value.textValue();
    }

    private void object(JsonNode node, Field field, Set<String> allowed, String what) {
      if (node == null || !node.isObject()) {
        throw error(field, "must be " + what + " (an object)");
      }
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!allowed.contains(name)) {
          throw error(
              field.child(name),
              "unknown field; "
                  + what
                  + " has "
                  + allowed.stream().sorted().collect(Collectors.joining(", ")));
        }
      }
    }
  }
}
