package io.webassist.dispatch.limits;

/** A clock the test moves by hand. */
final class FakeTicker implements Ticker {

  private long now = 1_000_000;

  @Override
  public long millis() {
    return now;
  }

  void advance(long ms) {
    now += ms;
  }
}
