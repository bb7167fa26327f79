package io.blindspot.ingest.listings.application;

/**
 * What a stored listing held: its entries, the paths of interest it was checked for, and how many
 * of those it holds.
 */
public record StoredListing(long uploadId, long entries, int checked, int present) {}
