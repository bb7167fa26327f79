package io.blindspot.core.packages;

import java.io.IOException;
import java.io.InputStream;

/** Parses one native package-database format into the canonical {@link PackageSet}. */
public interface PackageFormatParser {

  /**
   * Reads the whole stream (already decompressed by the caller when the transport was gzip; an
   * archive format may still be gzip inside, and handles that itself).
   *
   * @throws PackageFormatException when the content is malformed, naming entry and line
   * @throws IOException when reading fails
   */
  PackageSet parse(InputStream in) throws PackageFormatException, IOException;
}
