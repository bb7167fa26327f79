package io.blindspot.fleet.dashboard.application;

import io.blindspot.core.coverage.CoverageDocument.AssetEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lays a server's assets out as a directory tree: each asset under its ancestors, a directory that
 * is no asset coloured by the worst status below it, and chains of single directories folded into
 * one line ("var/lib/") so that the tree stays as short as the paths allow.
 */
final class AssetTree {

  /** Deeper lines are indented like this one: the page stays readable. */
  static final int MAX_DEPTH = 12;

  private AssetTree() {}

  static List<ServerPage.TreeRow> rows(List<AssetEntry> assets) {
    Node root = new Node("/", "/");
    for (AssetEntry asset : assets) {
      root.insert(asset);
    }
    List<ServerPage.TreeRow> rows = new ArrayList<>();
    emit(root, 0, "/", rows);
    return rows;
  }

  private static void emit(Node node, int depth, String label, List<ServerPage.TreeRow> out) {
    if (node.asset == null && node.children.size() == 1) {
      Node only = node.children.values().iterator().next();
      emit(only, depth, label + only.label(), out);
      return;
    }
    AssetEntry asset = node.asset;
    String status = node.worst();
    out.add(
        new ServerPage.TreeRow(
            Math.min(depth, MAX_DEPTH),
            label,
            asset == null ? node.path : asset.path(),
            status,
            asset != null,
            asset == null ? null : asset.kind(),
            asset == null ? null : asset.severity(),
            asset == null || Statuses.kept(asset.status()) ? null : Statuses.anchor(asset.path())));
    for (Node child : node.children.values()) {
      emit(child, depth + 1, child.label(), out);
    }
  }

  private static final class Node {
    private final String name;
    private final String path;
    private final Map<String, Node> children = new TreeMap<>();
    private AssetEntry asset;

    Node(String name, String path) {
      this.name = name;
      this.path = path;
    }

    void insert(AssetEntry entry) {
      String[] parts = entry.path().split("/");
      Node node = this;
      String prefix = "/";
      for (String part : parts) {
        if (part.isEmpty()) {
          continue;
        }
        prefix = prefix + part + "/";
        String childPath = prefix;
        node = node.children.computeIfAbsent(part, p -> new Node(p, childPath));
      }
      if (node.asset == null
          || Statuses.rank(entry.status()) < Statuses.rank(node.asset.status())) {
        node.asset = entry; // "/var/db" and "/var/db/" are one line: the worse of the two shows
      }
    }

    /** The component as the tree shows it: with a slash when it is (or holds) a directory. */
    String label() {
      boolean directory = !children.isEmpty() || asset == null || asset.path().endsWith("/");
      return directory ? name + "/" : name;
    }

    String worst() {
      String worst = asset == null ? null : asset.status();
      for (Node child : children.values()) {
        worst = Statuses.worse(worst, child.worst());
      }
      return worst;
    }
  }
}
