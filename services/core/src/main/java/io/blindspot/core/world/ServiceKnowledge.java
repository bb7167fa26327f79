package io.blindspot.core.world;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where services keep their data, kept as data (services.json beside this class) so that it can
 * grow without code, plus the entries operators add at run time (which win on equal ids).
 */
public final class ServiceKnowledge {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final List<ServiceEntry> entries;

  private ServiceKnowledge(List<ServiceEntry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The entries shipped with Blindspot. */
  public static ServiceKnowledge builtIn() {
    try (InputStream in = ServiceKnowledge.class.getResourceAsStream("services.json")) {
      return new ServiceKnowledge(read(in));
    } catch (IOException e) {
      throw new UncheckedIOException("services.json is part of the build", e);
    }
  }

  public static List<ServiceEntry> read(InputStream in) throws IOException {
    return JSON.readValue(in, new TypeReference<List<ServiceEntry>>() {});
  }

  /** This knowledge plus operator entries; an operator entry replaces a built-in one of its id. */
  public ServiceKnowledge with(List<ServiceEntry> extra) {
    Map<String, ServiceEntry> byId = new LinkedHashMap<>();
    entries.forEach(e -> byId.put(e.id(), e));
    extra.forEach(e -> byId.put(e.id(), e));
    return new ServiceKnowledge(new ArrayList<>(byId.values()));
  }

  public List<ServiceEntry> entries() {
    return entries;
  }
}
