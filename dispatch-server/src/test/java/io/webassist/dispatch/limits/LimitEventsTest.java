package io.webassist.dispatch.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.metrics.Metrics;
import org.junit.jupiter.api.Test;

class LimitEventsTest {

  private final FakeTicker clock = new FakeTicker();
  private final Metrics metrics = new Metrics();
  private final LimitEvents events = new LimitEvents(metrics, clock, false);

  @Test
  void everyLimitHasAZeroCounterFromTheStart() {
    for (Limit limit : Limit.values()) {
      assertThat(metrics.snapshot()).containsEntry(limit.metric(), 0L);
    }
  }

  @Test
  void everyHitIsCountedEvenWhenItsLogLineIsSuppressed() {
    for (int i = 0; i < 1_000; i++) {
      events.hit(Limit.HELLO_TIMEOUT, "c-" + i, "", "10.0.0.1");
    }
    events.count(Limit.HELLO_TIMEOUT);

    assertThat(metrics.counter("limit_hello_timeout")).isEqualTo(1_001);
    assertThat(metrics.counter("limit_idle_timeout")).isZero();
  }

  @Test
  void limitsHaveTheirErrorCodesAndMetricNames() {
    assertThat(Limit.CONNECTIONS_PER_IP.code()).isEqualTo("too_many_connections");
    assertThat(Limit.PENDING_REQUESTS_PER_IP.code()).isEqualTo("too_many_requests");
    assertThat(Limit.FRAME_RATE.code()).isEqualTo("rate_limited");
    assertThat(Limit.LOGIN_BLOCKED.code()).isEqualTo("rate_limited");
    assertThat(Limit.SLOW_CONSUMER.code()).isEqualTo("slow_consumer");
    assertThat(Limit.SLOW_CONSUMER.metric()).isEqualTo("limit_slow_consumer");
  }
}
