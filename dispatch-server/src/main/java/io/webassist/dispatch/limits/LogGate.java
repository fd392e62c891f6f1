package io.webassist.dispatch.limits;

/**
 * A token bucket for log lines: {@code burst} lines at once, then one per {@code intervalMs};
 * it counts the lines it held back so that the next line through can say how many there were.
 * Thread-safe.
 */
final class LogGate {

  private final int burst;
  private final long intervalMs;
  private final Ticker ticker;
  private double tokens;
  private long refilledAt;
  private long suppressed;

  LogGate(int burst, long intervalMs, Ticker ticker) {
    this.burst = burst;
    this.intervalMs = intervalMs;
    this.ticker = ticker;
    this.tokens = burst;
    this.refilledAt = ticker.millis();
  }

  /** -1 if this line is to be suppressed, else how many were suppressed since the last line through. */
  synchronized long tryPass() {
    long now = ticker.millis();
    long elapsed = now - refilledAt;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + (double) elapsed / intervalMs);
      refilledAt = now;
    }
    if (tokens < 1) {
      suppressed++;
      return -1;
    }
    tokens -= 1;
    long before = suppressed;
    suppressed = 0;
    return before;
  }
}
