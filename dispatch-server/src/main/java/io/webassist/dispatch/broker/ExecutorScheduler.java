package io.webassist.dispatch.broker;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The production {@link Scheduler}: the system clock and one daemon timer thread. */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutorScheduler.class);

  private final ScheduledThreadPoolExecutor executor;

  public ExecutorScheduler() {
    executor = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "dispatch-timer");
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public long now() {
    return System.currentTimeMillis();
  }

  @Override
  public Cancellable schedule(Runnable task, long delayMs) {
    try {
      ScheduledFuture<?> future = executor.schedule(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("timer task failed", e);
        }
      }, delayMs, TimeUnit.MILLISECONDS);
      return () -> future.cancel(false);
    } catch (RejectedExecutionException e) {
      return () -> { }; // shutting down: nothing will expire any more
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
