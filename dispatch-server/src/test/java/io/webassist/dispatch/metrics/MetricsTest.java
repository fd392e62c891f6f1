package io.webassist.dispatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.testing.PrometheusText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counters, gauges and histograms as the JSON view and the Prometheus text format show them. */
class MetricsTest {

  private final Metrics metrics = new Metrics();

  private PrometheusText scrape() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.writePrometheus(out);
    return PrometheusText.parse(out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void countedNamesKeepTheirJsonNamesAndBecomeLabelledFamilies() throws Exception {
    metrics.declare("offers_expired", "relay_joins");
    metrics.count("offers_accepted");
    metrics.count("offers_accepted");
    metrics.count("limit_frame_rate");
    metrics.count("sessions_link_relay");
    metrics.count("sessions_started");

    assertThat(metrics.counter("offers_accepted")).isEqualTo(2);
    assertThat(metrics.snapshot()).containsEntry("offers_expired", 0L).containsEntry("relay_joins", 0L)
        .containsEntry("limit_frame_rate", 1L).containsEntry("sessions_started", 1L);
    PrometheusText text = scrape();
    assertThat(text.value("webassist_offers_total", "outcome", "accepted")).hasValue(2.0);
    assertThat(text.value("webassist_offers_total", "outcome", "expired")).hasValue(0.0);
    assertThat(text.value("webassist_limit_hits_total", "limit", "frame_rate")).hasValue(1.0);
    assertThat(text.value("webassist_sessions_by_link_total", "path", "relay")).hasValue(1.0);
    assertThat(text.value("webassist_assignments_total")).hasValue(1.0);
    assertThat(text.value("webassist_relay_joins_total")).hasValue(0.0);
  }

  @Test
  void upDownValuesAndGaugesAreGauges() throws Exception {
    metrics.add("pending_logins", 3);
    metrics.add("pending_logins", -1);
    metrics.gauge("sessions_active", () -> 4);
    metrics.gauge("queue_lengths", () -> Map.of("general", 2)); // JSON only: not a number

    assertThat(metrics.counter("pending_logins")).isEqualTo(2);
    assertThat(metrics.snapshot()).containsEntry("queue_lengths", Map.of("general", 2));
    PrometheusText text = scrape();
    assertThat(text.family("webassist_pending_logins").orElseThrow().type()).isEqualTo("gauge");
    assertThat(text.value("webassist_pending_logins")).hasValue(2.0);
    assertThat(text.value("webassist_sessions_active")).hasValue(4.0);
    assertThat(text.value("webassist_queue_lengths")).isEmpty();
  }

  @Test
  void namesThatAreNotPrometheusNamesAreMadeSoAndAGaugeReadsItsLatestSupplier() throws Exception {
    metrics.count("relay.joins-refused");
    metrics.gauge("relay_pairs_active", () -> 1);
    metrics.gauge("relay_pairs_active", () -> 2);

    PrometheusText text = scrape();
    assertThat(text.value("webassist_relay_joins_refused_total")).hasValue(1.0);
    assertThat(text.value("webassist_relay_pairs_active")).hasValue(2.0);
    assertThat(metrics.snapshot()).containsEntry("relay.joins-refused", 1L).containsEntry("relay_pairs_active", 2);
  }

  @Test
  void routingLatencyAndQueueWaitAreHistogramsInSeconds() throws Exception {
    metrics.observeRoutingLatencyNanos(80_000); // 80 µs
    metrics.observeRoutingLatencyNanos(3_000_000); // 3 ms
    metrics.observeQueueWaitMillis("general", 1_500);
    metrics.observeQueueWaitMillis("premium", 20);

    PrometheusText text = scrape();
    assertThat(text.value("webassist_routing_latency_seconds_count")).hasValue(2.0);
    assertThat(text.value("webassist_routing_latency_seconds_bucket", "le", "1.0E-4")
        .or(() -> text.value("webassist_routing_latency_seconds_bucket", "le", "0.0001"))).hasValue(1.0);
    assertThat(text.value("webassist_routing_latency_seconds_bucket", "le", "0.005")).hasValue(2.0);
    assertThat(text.value("webassist_queue_wait_seconds_count", "group", "general")).hasValue(1.0);
    assertThat(text.value("webassist_queue_wait_seconds_bucket", "group", "general", "le", "1.0")).hasValue(0.0);
    assertThat(text.value("webassist_queue_wait_seconds_bucket", "group", "general", "le", "2.5")).hasValue(1.0);
    assertThat(text.value("webassist_queue_wait_seconds_sum", "group", "premium")).hasValue(0.02);
  }

  @Test
  void queueAndAgentGaugesReadTheRegisteredDispatchState() throws Exception {
    metrics.dispatchState(new DispatchState() {
      @Override
      public List<GroupQueue> queues() {
        return List.of(new GroupQueue("general", 3, 12_000), new GroupQueue("premium", 0, 0),
            new GroupQueue("unknown-wait", 1, -1));
      }

      @Override
      public Map<String, Long> agentsByState() {
        return Map.of("available", 2L, "away", 1L);
      }
    });

    PrometheusText text = scrape();
    assertThat(text.value("webassist_queue_length", "group", "general")).hasValue(3.0);
    assertThat(text.value("webassist_queue_oldest_wait_seconds", "group", "general")).hasValue(12.0);
    assertThat(text.value("webassist_queue_oldest_wait_seconds", "group", "premium")).hasValue(0.0);
    assertThat(text.value("webassist_queue_oldest_wait_seconds", "group", "unknown-wait")).isEmpty();
    assertThat(text.value("webassist_agents", "state", "available")).hasValue(2.0);
    assertThat(text.value("webassist_agents", "state", "away")).hasValue(1.0);
  }
}
