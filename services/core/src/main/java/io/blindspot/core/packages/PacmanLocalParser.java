package io.blindspot.core.packages;

import java.io.IOException;
import java.io.InputStream;

/** Work in progress. */
public final class PacmanLocalParser implements PackageFormatParser {
  @Override
  public PackageSet parse(InputStream in) throws PackageFormatException, IOException {
    throw new PackageFormatException(null, 0, "PacmanLocalParser: not implemented yet");
  }
}
