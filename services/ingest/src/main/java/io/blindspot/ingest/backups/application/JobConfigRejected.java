package io.blindspot.ingest.backups.application;

import io.blindspot.core.backup.JobConfigException;

/**
 * A job descriptor is well-formed but its tool's engine cannot compile it (an unknown option, a
 * file the command names but the descriptor lacks, a malformed config line): the whole upload is
 * refused, naming the job, the file or option, and the line.
 */
public final class JobConfigRejected extends RuntimeException {

  private final int index;
  private final String job;
  private final String file;
  private final int line;

  public JobConfigRejected(int index, String job, JobConfigException cause) {
    super("job '" + job + "' ([" + index + "]): " + cause.getMessage(), cause);
    this.index = index;
    this.job = job;
    this.file = cause.file();
    this.line = cause.line();
  }

  /** The job's position in the uploaded array. */
  public int index() {
    return index;
  }

  public String job() {
    return job;
  }

  /** The config, exclude or merge file at fault; null when the command line is. */
  public String file() {
    return file;
  }

  /** The 1-based line in {@link #file()}, 0 when not tied to a line. */
  public int line() {
    return line;
  }
}
