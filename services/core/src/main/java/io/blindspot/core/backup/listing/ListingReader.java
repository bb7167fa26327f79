package io.blindspot.core.backup.listing;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A streaming, constant-memory reader of what a backup holds: yields one path at a time, in listing
 * order, in Blindspot notation (absolute, directories end with "/", symlinks without).
 *
 * <p>Media types:
 *
 * <ul>
 *   <li>{@value #RESTIC_LS_JSON}: {@code restic ls --json SNAPSHOT}: the snapshot object, then one
 *       node per line ("path", "type": dir/file/symlink/...)
 *   <li>{@value #BORG_LIST_JSON}: {@code borg list --json-lines REPO::ARCHIVE}: "path" without the
 *       leading '/', "type" d/-/l/...
 *   <li>{@value #DIRVISH_INDEX}: a dirvish image's {@code index}: {@code find TREE -ls} lines with
 *       the image tree path replaced by the source tree path (the first line, the image tree
 *       itself, is reported as the source tree root)
 *   <li>{@value #TAR_LISTING}: {@code tar -tv} (or plain {@code tar -t}) output; member names are
 *       taken relative to "/" (a leading "./" or "/" is dropped), escapes decoded
 *   <li>{@value #TEXT_PLAIN}: one absolute path per line, a trailing '/' marks a directory
 * </ul>
 */
public interface ListingReader {

  String RESTIC_LS_JSON = "application/x-restic-ls+json";
  String BORG_LIST_JSON = "application/x-borg-list+json";
  String DIRVISH_INDEX = "text/x-dirvish-index";
  String TAR_LISTING = "text/x-tar-listing";
  String TEXT_PLAIN = "text/plain";

  /** Receives the paths of a listing. */
  @FunctionalInterface
  interface PathSink {
    void path(String path) throws IOException;
  }

  String mediaType();

  /**
   * Streams every path of the listing to the sink.
   *
   * @throws ListingFormatException for a malformed line, naming its number
   */
  void read(InputStream in, PathSink sink) throws IOException;

  /**
   * A {@value #TAR_LISTING} reader whose member names are resolved against {@code baseDirectory}
   * (the directory tar ran in, or its -C) instead of "/".
   */
  static ListingReader tarListing(String baseDirectory) {
    return new TarListingReader(baseDirectory);
  }

  /** The media types with a reader. */
  static List<String> mediaTypes() {
    return List.of(RESTIC_LS_JSON, BORG_LIST_JSON, DIRVISH_INDEX, TAR_LISTING, TEXT_PLAIN);
  }

  /**
   * The reader for a media type (parameters such as "; charset=utf-8" are ignored).
   *
   * @throws IllegalArgumentException for an unsupported media type
   */
  static ListingReader forMediaType(String mediaType) {
    String mt = mediaType == null ? "" : mediaType.split(";", 2)[0].strip().toLowerCase();
    return switch (mt) {
      case RESTIC_LS_JSON -> new ResticLsJsonReader();
      case BORG_LIST_JSON -> new BorgListJsonReader();
      case DIRVISH_INDEX -> new DirvishIndexReader();
      case TAR_LISTING -> new TarListingReader();
      case TEXT_PLAIN -> new PlainListingReader();
      default ->
          throw new IllegalArgumentException(
              "unsupported listing media type '" + mediaType + "'; supported: " + mediaTypes());
    };
  }
}
