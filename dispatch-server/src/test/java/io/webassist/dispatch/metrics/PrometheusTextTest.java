package io.webassist.dispatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webassist.dispatch.testing.PrometheusText;
import org.junit.jupiter.api.Test;

/** The test parser refuses what a Prometheus scraper would refuse, so a test that uses it can fail. */
class PrometheusTextTest {

  @Test
  void readsTypedFamiliesWithEscapedLabels() {
    PrometheusText text = PrometheusText.parse("""
        # HELP x_total things\\nthat happened
        # TYPE x_total counter
        x_total{a="q\\"uote",b="back\\\\slash"} 3
        # TYPE h histogram
        h_bucket{le="1.0"} 1
        h_bucket{le="+Inf"} 2
        h_sum 4.5
        h_count 2
        """);

    assertThat(text.family("x_total").orElseThrow().help()).isEqualTo("things\nthat happened");
    assertThat(text.value("x_total", "a", "q\"uote", "b", "back\\slash")).hasValue(3.0);
    assertThat(text.value("h_count")).hasValue(2.0);
  }

  @Test
  void refusesWhatAScraperWouldRefuse() {
    assertThatThrownBy(() -> PrometheusText.parse("undeclared 1\n")).hasMessageContaining("no declared family");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE g gauge\ng{a=\"1\"} one\n")).hasMessageContaining("bad value");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE g gauge\ng 1\ng 2\n")).hasMessageContaining("twice");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE g gauge\ng{a=1} 1\n")).hasMessageContaining("not quoted");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE g gauge\ng 1")).hasMessageContaining("line feed");
    assertThatThrownBy(() -> PrometheusText.parse(
        "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n")).hasMessageContaining("not increasing");
    assertThatThrownBy(() -> PrometheusText.parse(
        "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\n")).hasMessageContaining("!= _count");
    assertThatThrownBy(() -> PrometheusText.parse(
        "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x=\"y\"} 2\n")).hasMessageContaining("together");
  }
}
