package io.blindspot.ingest.uploads.application;

import java.util.List;

/**
 * A Content-Type or Content-Encoding this service does not read; the message lists what it does.
 */
public final class UnsupportedUpload extends RuntimeException {

  private final List<String> supported;

  public UnsupportedUpload(String what, String given, List<String> supported) {
    super(
        (given == null || given.isBlank()
                ? what + " is missing"
                : "unsupported " + what + " '" + given + "'")
            + "; supported: "
            + String.join(", ", supported));
    this.supported = List.copyOf(supported);
  }

  public List<String> supported() {
    return supported;
  }
}
