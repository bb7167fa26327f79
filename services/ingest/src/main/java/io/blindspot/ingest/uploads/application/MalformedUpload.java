package io.blindspot.ingest.uploads.application;

/** The body cannot be decoded at all: a truncated or corrupt gzip stream. */
public final class MalformedUpload extends RuntimeException {

  public MalformedUpload(String message, Throwable cause) {
    super(message, cause);
  }
}
