package io.blindspot.ingest.uploads.application;

/** The upload, once decompressed, exceeds {@code blindspot.uploads.max-bytes}. */
public final class UploadTooLarge extends RuntimeException {

  public UploadTooLarge(long maxBytes) {
    super("the upload exceeds the limit of " + maxBytes + " bytes (counted after decompression)");
  }
}
