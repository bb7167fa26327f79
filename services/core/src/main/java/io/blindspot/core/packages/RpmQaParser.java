package io.blindspot.core.packages;

import java.io.IOException;
import java.io.InputStream;

/** Tab-separated rpm -qa output (work in progress). */
public final class RpmQaParser implements PackageFormatParser {
  public static final String QUERY_FORMAT =
      "%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{INSTALLTIME}\\t%{VENDOR}\\n";
  @Override
  public PackageSet parse(InputStream in) throws PackageFormatException, IOException {
    throw new PackageFormatException(null, 0, "RpmQaParser: not implemented yet");
  }
}
