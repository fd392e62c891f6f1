package io.webassist.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void medianTakesTheMiddleOfEachColumnAndKeepsTheFirstWarning() {
    Stats a = new Stats(10, 1, 100, 5, 50, 60, 70, null);
    Stats b = new Stats(30, 1, 300, 1, 10, 20, 30, "late");
    Stats c = new Stats(20, 1, 200, 3, 90, 95, 99, null);
    Stats m = Stats.median(List.of(a, b, c));
    assertThat(m.rate()).isEqualTo(200);
    assertThat(m.p50Us()).isEqualTo(3);
    assertThat(m.p99Us()).isEqualTo(50);
    assertThat(m.warning()).isEqualTo("late");
  }

  @Test
  void ratiosOfMissingValuesAreNotNumbers() {
    assertThat(Report.ratio(2.0, 1.0)).isEqualTo(2.0);
    assertThat(Report.ratio(Double.NaN, 1.0)).isNaN();
    assertThat(Report.ratio(1.0, null)).isNaN();
    assertThat(Report.format(Double.NaN)).isEqualTo("-");
  }
}
