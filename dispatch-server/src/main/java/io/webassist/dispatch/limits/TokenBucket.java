package io.webassist.dispatch.limits;

/**
 * The classic token bucket: holds up to {@code capacity} tokens, gains {@code perSecond} tokens a
 * second, and each event takes one. A quiet client may burst up to the capacity; a steady one is
 * held to the rate. Not thread-safe: one per connection, used on its event loop.
 */
public final class TokenBucket {

  private final double capacity;
  private final double perMilli;
  private final Ticker ticker;
  private double tokens;
  private long refilledAt;

  public TokenBucket(int perSecond, int capacity, Ticker ticker) {
    if (perSecond < 1 || capacity < 1) {
      throw new IllegalArgumentException("rate and capacity must be positive");
    }
    this.capacity = capacity;
    this.perMilli = perSecond / 1000.0;
    this.ticker = ticker;
    this.tokens = capacity;
    this.refilledAt = ticker.millis();
  }

  /** Takes a token if there is one. */
  public boolean tryTake() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** True when the bucket has filled up again: the client has been slower than the rate for a while. */
  public boolean isFull() {
    refill();
    return tokens >= capacity;
  }

  private void refill() {
    long now = ticker.millis();
    long elapsed = now - refilledAt;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * perMilli);
      refilledAt = now;
    }
  }
}
