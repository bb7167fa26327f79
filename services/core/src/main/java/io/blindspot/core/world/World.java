package io.blindspot.core.world;

import java.util.List;

/** Every asset of one server that a restore needs, most severe first, then by path. */
public record World(List<Asset> assets) {
  public World {
    assets = List.copyOf(assets);
  }
}
