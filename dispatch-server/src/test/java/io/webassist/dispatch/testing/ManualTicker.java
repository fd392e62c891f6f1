package io.webassist.dispatch.testing;

import io.webassist.dispatch.limits.Ticker;
import java.util.concurrent.atomic.AtomicLong;

/** The limiters' clock, moved by the test: frame-rate buckets refill and login back-offs end when it says. */
public final class ManualTicker implements Ticker {

  private final AtomicLong now = new AtomicLong(1_000_000);

  @Override
  public long millis() {
    return now.get();
  }

  public void advance(long ms) {
    now.addAndGet(ms);
  }
}
