package io.webassist.dispatch.limits;

/**
 * Frames per second for one connection (issue 6, "frames per second per connection"): a
 * {@link TokenBucket} of {@code burst} lines refilled at {@code perSecond}. A line without a token
 * is refused (dropped unread). The sender is told {@code rate_limited} at most once a second, so
 * that a flood does not make the server write a flood back. Refused lines are counted until the
 * connection slows down enough for its bucket to fill up again; reaching {@code maxRefused} is
 * sustained abuse and closes the connection. Not thread-safe: one per connection, on its event loop.
 */
public final class FrameRateLimiter {

  /** What to do with one incoming line. */
  public enum Verdict {
    /** Within the rate: handle it. */
    PASS,
    /** Over the rate: drop it silently (the sender was told less than a second ago). */
    REFUSE,
    /** Over the rate: drop it and answer {@code rate_limited}. */
    REFUSE_AND_TELL,
    /** Over the rate for too long: answer {@code rate_limited} and close. */
    CLOSE
  }

  static final long TELL_INTERVAL_MS = 1_000;

  private final TokenBucket bucket;
  private final int maxRefused;
  private final Ticker ticker;
  private int refused;
  private boolean told;
  private long toldAt;

  public FrameRateLimiter(int perSecond, int burst, int maxRefused, Ticker ticker) {
    this.bucket = new TokenBucket(perSecond, burst, ticker);
    this.maxRefused = maxRefused;
    this.ticker = ticker;
  }

  public Verdict onFrame() {
    if (refused > 0 && bucket.isFull()) {
      refused = 0; // it slowed down: a past burst is forgiven
    }
    if (bucket.tryTake()) {
      return Verdict.PASS;
    }
    refused++;
    if (refused >= maxRefused) {
      return Verdict.CLOSE;
    }
    long now = ticker.millis();
    if (!told || now - toldAt >= TELL_INTERVAL_MS) {
      told = true;
      toldAt = now;
      return Verdict.REFUSE_AND_TELL;
    }
    return Verdict.REFUSE;
  }

  /** Lines refused since the connection last slowed down. */
  public int refused() {
    return refused;
  }
}
