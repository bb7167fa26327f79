package io.blindspot.ingest.uploads.application;

/**
 * What an upload led to: nothing new (the same body as the current report), or a stored snapshot.
 *
 * @param <R> what storing produced
 */
public sealed interface UploadOutcome<R> {

  /** The body equals the one behind the current report; only last-seen times moved. */
  record Unchanged<R>() implements UploadOutcome<R> {}

  /** A new snapshot became current. */
  record Stored<R>(R result) implements UploadOutcome<R> {}
}
