package io.webassist.link.dispatch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded exponential back-off between reconnect attempts: {@code initial · factor^attempt}, never
 * above {@code max}, with up to 20 % jitter so a restarted server is not hit by every client at once.
 */
public record Backoff(Duration initial, Duration max, double factor) {
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), 2.0);

  public Backoff {
    if (initial.isNegative() || max.compareTo(initial) < 0 || factor < 1.0) {
      throw new IllegalArgumentException("need 0 <= initial <= max and factor >= 1");
    }
  }

  /** The wait before attempt number {@code attempt} (0 for the first retry). */
  public Duration delay(int attempt) {
    double millis = initial.toMillis() * Math.pow(factor, Math.min(attempt, 30));
    long capped = (long) Math.min(millis, max.toMillis());
    long jitter = capped <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 5 + 1);
    return Duration.ofMillis(Math.min(max.toMillis(), capped + jitter));
  }
}
