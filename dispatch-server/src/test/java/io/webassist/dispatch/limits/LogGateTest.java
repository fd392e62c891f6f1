package io.webassist.dispatch.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogGateTest {

  private final FakeTicker clock = new FakeTicker();
  private final LogGate gate = new LogGate(3, 1_000, clock);

  @Test
  void aBurstOfLinesGetsThroughThenTheRestAreSuppressed() {
    assertThat(gate.tryPass()).isZero();
    assertThat(gate.tryPass()).isZero();
    assertThat(gate.tryPass()).isZero();

    for (int i = 0; i < 100; i++) {
      assertThat(gate.tryPass()).isEqualTo(-1);
    }
  }

  @Test
  void nextLineThroughSaysHowManyWereSuppressed() {
    for (int i = 0; i < 10; i++) {
      gate.tryPass();
    }

    clock.advance(1_000);

    assertThat(gate.tryPass()).isEqualTo(7);
    assertThat(gate.tryPass()).isEqualTo(-1);
  }

  @Test
  void oneLineASecondGetsThroughUnderSteadyPressure() {
    int through = 0;
    for (int ms = 0; ms < 10_000; ms += 10) {
      if (gate.tryPass() >= 0) {
        through++;
      }
      clock.advance(10);
    }

    assertThat(through).isBetween(3 + 9, 3 + 10);
  }
}
