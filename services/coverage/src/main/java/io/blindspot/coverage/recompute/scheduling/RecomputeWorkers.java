package io.blindspot.coverage.recompute.scheduling;

import io.blindspot.coverage.CoverageConfig;
import io.blindspot.coverage.recompute.application.CoverageRecomputation;
import io.blindspot.coverage.recompute.application.WorkQueue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * Drains the coverage queue: every poll, up to {@code workers} threads each take servers one by one
 * until none is due. Uploads are visible in coverage within a poll interval plus the work.
 */
@ApplicationScoped
public class RecomputeWorkers {

  private static final Logger LOG = Logger.getLogger(RecomputeWorkers.class);

  private final CoverageRecomputation recomputation;
  private final WorkQueue queue;
  private final CoverageConfig config;
  private final Semaphore running;
  private final ExecutorService threads;

  RecomputeWorkers(CoverageRecomputation recomputation, WorkQueue queue, CoverageConfig config) {
    this.recomputation = recomputation;
    this.queue = queue;
    this.config = config;
    this.running = new Semaphore(config.recompute().workers());
    this.threads =
        Executors.newFixedThreadPool(
            config.recompute().workers(),
            r -> {
              Thread t = new Thread(r, "coverage-worker");
              t.setDaemon(true);
              return t;
            });
  }

  @Scheduled(
      every = "${blindspot.recompute.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void poll() {
    if (!config.recompute().enabled()) {
      return;
    }
    while (running.tryAcquire()) {
      threads.submit(
          () -> {
            try {
              drain();
            } finally {
              running.release();
            }
          });
    }
  }

  /** Re-evaluates the servers whose backups aged past the maximum age since they were evaluated. */
  @Scheduled(every = "5m", delayed = "30s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  @Transactional
  void enqueueAgedOut() {
    if (config.recompute().enabled()) {
      queue.enqueueAgedOut(config.recompute().maxAge());
    }
  }

  private void drain() {
    try {
      while (recomputation.recomputeNext().isPresent()) {
        // a failed server is rescheduled for later, so the loop moves on to the next one
      }
    } catch (RuntimeException e) {
      LOG.warn("the coverage queue could not be read; trying again at the next poll", e);
    }
  }

  void stop(@Observes ShutdownEvent event) {
    threads.shutdownNow();
  }
}
