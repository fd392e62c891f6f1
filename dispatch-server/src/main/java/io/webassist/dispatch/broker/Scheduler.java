package io.webassist.dispatch.broker;

/**
 * Time for the broker: the clock and delayed tasks (offer expiry, re-offer after a decline).
 * Injected, so that tests move time forward by hand instead of waiting 30 seconds.
 */
public interface Scheduler {

  /** Milliseconds since the epoch. */
  long now();

  /** Runs {@code task} once after {@code delayMs}. */
  Cancellable schedule(Runnable task, long delayMs);

  /** A scheduled task that has not run yet can be cancelled; cancelling later does nothing. */
  interface Cancellable {
    void cancel();
  }
}
