package io.blindspot.core.coverage;

import io.blindspot.core.packages.PackageSetDiff;
import java.time.Duration;
import java.time.Instant;

/**
 * How far the backup's copy of the package database lags behind the server: the packages installed,
 * removed or upgraded since the last successful run of a job that keeps it.
 *
 * @param job the job whose copy is compared (the newest success among those that keep it)
 * @param backupAt when that copy was taken (the job's last success)
 * @param packagesBehind how many packages differ
 * @param diff what differs, from the backup's copy to now
 * @param summary the sentence an operator reads
 */
public record Drift(
    String job, Instant backupAt, int packagesBehind, PackageSetDiff diff, String summary) {

  public static Drift of(String job, Instant backupAt, PackageSetDiff diff, Instant now) {
    int behind = diff.added().size() + diff.removed().size() + diff.changed().size();
    Duration age = Duration.between(backupAt, now);
    if (age.isNegative()) {
      age = Duration.ZERO; // the server's clock ahead of Blindspot's: the copy is as new as it gets
    }
    String when =
        age.toDays() > 0
            ? age.toDays() + (age.toDays() == 1 ? " day" : " days")
            : age.toHours() > 0
                ? age.toHours() + (age.toHours() == 1 ? " hour" : " hours")
                : "under an hour";
    String summary =
        behind == 0
            ? "the backup's copy of the package database (" + job + ", " + when + " old) is current"
            : "the backup's copy of your world is "
                + when
                + " and "
                + behind
                + (behind == 1 ? " package" : " packages")
                + " behind ("
                + job
                + ")";
    return new Drift(job, backupAt, behind, diff, summary);
  }
}
