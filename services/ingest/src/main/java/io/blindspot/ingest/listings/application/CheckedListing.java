package io.blindspot.ingest.listings.application;

import java.util.List;

/**
 * What the coverage evaluation needs of a listing, never one row per file.
 *
 * @param contentType the listing format
 * @param entries how many paths the listing holds
 * @param snapshot the tool's snapshot, archive or image name when the listing says; else null
 * @param present the paths of interest the listing holds
 * @param checked every path of interest it was checked for
 */
public record CheckedListing(
    String contentType,
    long entries,
    String snapshot,
    List<String> present,
    List<String> checked) {}
