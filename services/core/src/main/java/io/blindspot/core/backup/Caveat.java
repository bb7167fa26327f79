package io.blindspot.core.backup;

/**
 * Something the job does that cannot be decided from paths alone (--exclude-larger-than, a
 * max-size, a time filter). Reported next to every verdict of the job, never silently ignored.
 *
 * @param option the option as written
 * @param message what it means for the verdicts
 */
public record Caveat(String option, String message) {}
