package io.blindspot.core.backup;

/**
 * A mounted filesystem, for one-file-system rules: paths below a mount point live on its device.
 */
public record Filesystem(String mountPoint, String device) {}
