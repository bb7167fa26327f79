package io.blindspot.core.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the canonical inventory JSON (as agents upload it and ingest stores it) into {@link
 * Inventory}, leniently: agents of several versions write it, and fields this side does not need
 * are ignored.
 */
public final class InventoryJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private InventoryJson() {}

  public static Inventory read(String json) {
    try {
      return read(JSON.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException("a stored inventory no longer parses", e);
    }
  }

  public static Inventory read(JsonNode node) {
    JsonNode os = node.path("os");
    List<String> idLike =
        os.hasNonNull("idLike")
            ? Arrays.asList(os.get("idLike").asText().trim().split("\\s+"))
            : List.of();
    List<Mount> mounts = new ArrayList<>();
    for (JsonNode m : node.path("mounts")) {
      mounts.add(
          new Mount(
              text(m, "device"),
              text(m, "mountPoint"),
              text(m, "fsType"),
              text(m, "options"),
              m.hasNonNull("sizeBytes") ? m.get("sizeBytes").asLong() : null,
              m.hasNonNull("usedBytes") ? m.get("usedBytes").asLong() : null));
    }
    List<String> services = new ArrayList<>();
    node.path("services").forEach(s -> services.add(s.asText()));
    List<String> homes = null;
    if (node.hasNonNull("homes")) {
      homes = new ArrayList<>();
      for (JsonNode h : node.get("homes")) {
        homes.add(h.asText());
      }
    }
    Map<String, String> checksums = null;
    if (node.hasNonNull("configChecksums")) {
      checksums = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.get("configChecksums").properties()) {
        checksums.put(e.getKey(), e.getValue().asText());
      }
    }
    return new Inventory(
        text(node, "hostname"),
        new Inventory.OsRelease(text(os, "id"), idLike, text(os, "name"), text(os, "versionId")),
        text(node, "kernel"),
        text(node, "architecture"),
        mounts,
        text(node, "partitionTable"),
        text(node, "fstab"),
        services,
        homes,
        checksums);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
