package io.webassist.dispatch.limits;

/** A monotonic clock in milliseconds, for the limiters; tests advance a fake one by hand. */
@FunctionalInterface
public interface Ticker {

  /** The system's monotonic clock (not the wall clock: limits must not jump when the time is set). */
  Ticker SYSTEM = () -> System.nanoTime() / 1_000_000L;

  long millis();
}
