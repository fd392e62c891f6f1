package io.webassist.dispatch.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private final FakeTicker clock = new FakeTicker();
  private final TokenBucket bucket = new TokenBucket(10, 3, clock);

  @Test
  void aQuietClientMayBurstUpToTheCapacity() {
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();

    assertThat(bucket.tryTake()).isFalse();
  }

  @Test
  void tokensComeBackAtTheRate() {
    while (bucket.tryTake()) {
      // empty it
    }

    clock.advance(99);
    assertThat(bucket.tryTake()).isFalse();
    clock.advance(1);
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
  }

  @Test
  void refillStopsAtTheCapacity() {
    bucket.tryTake();
    assertThat(bucket.isFull()).isFalse();

    clock.advance(60_000);

    assertThat(bucket.isFull()).isTrue();
    assertThat(bucket.tryTake() && bucket.tryTake() && bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
  }
}
