package io.webassist.dispatch.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The server's counters (things that happened, only ever growing), gauges (how things are now,
 * read when scraped) and histograms (routing latency, time in queue), kept in a Prometheus client
 * registry of its own (one per server, so servers in one JVM do not mix). Served in the Prometheus
 * text format at {@code /metrics} ({@link #writePrometheus}) and as JSON for people at
 * {@code /metrics.json} ({@link #snapshot}). Thread-safe; counting is a map look-up and an add.
 *
 * <p>Callers count by the short names the JSON view shows ({@code offers_accepted},
 * {@code limit_frame_rate}…); each maps to a Prometheus family, with a label where one name is
 * one value of a dimension: {@code offers_<outcome>} → {@code webassist_offers_total{outcome}},
 * {@code sessions_link_<path>} → {@code webassist_sessions_by_link_total{path}},
 * {@code limit_<key>} → {@code webassist_limit_hits_total{limit}}, {@code sessions_started} →
 * {@code webassist_assignments_total}; any other name {@code n} → {@code webassist_n_total}.
 */
public final class Metrics {

  /** Prefix of every family this server exposes. */
  public static final String PREFIX = "webassist_";

  private static final double[] ROUTING_BUCKETS_SECONDS = {
      0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};
  private static final double[] QUEUE_WAIT_BUCKETS_SECONDS = {
      0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1_800};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  /** JSON name → the data point it counts into. */
  private final Map<String, CounterDataPoint> counters = new ConcurrentHashMap<>();
  /** JSON name → up-down value kept with {@link #add}. */
  private final Map<String, LongAdder> levels = new ConcurrentHashMap<>();
  private final Map<String, Supplier<?>> gauges = new ConcurrentHashMap<>();
  private final Counter offers = labelled("offers", "offers by how they ended", "outcome");
  private final Counter sessionsByLink = labelled("sessions_by_link",
      "sessions by the way their link came up (direct peer link or relay), as the apps report it", "path");
  private final Counter limitHits = labelled("limit_hits",
      "times a limit refused something (docs/OPERATIONS.md, Limits)", "limit");
  private final Histogram routingLatency = Histogram.builder()
      .name(PREFIX + "routing_latency").unit(Unit.SECONDS)
      .help("from a request (or a freed agent) to the offer being sent")
      .classicOnly().classicUpperBounds(ROUTING_BUCKETS_SECONDS).withoutExemplars()
      .register(registry);
  private final Histogram queueWait = Histogram.builder()
      .name(PREFIX + "queue_wait").unit(Unit.SECONDS)
      .help("time a request waited in its group's queue before an agent took it, or it left")
      .labelNames("group")
      .classicOnly().classicUpperBounds(QUEUE_WAIT_BUCKETS_SECONDS).withoutExemplars()
      .register(registry);
  private volatile DispatchState state = DispatchState.NONE;

  public Metrics() {
    GaugeWithCallback.builder().name(PREFIX + "queue_length").help("requests waiting, per group")
        .labelNames("group")
        .callback(cb -> state.queues().forEach(q -> cb.call(q.length(), q.group())))
        .register(registry);
    GaugeWithCallback.builder().name(PREFIX + "queue_oldest_wait").unit(Unit.SECONDS)
        .help("how long the longest-waiting request of each group has waited (0 when none waits)")
        .labelNames("group")
        .callback(cb -> state.queues().forEach(q -> {
          if (q.oldestWaitMillis() >= 0) {
            cb.call(q.oldestWaitMillis() / 1_000.0, q.group());
          }
        }))
        .register(registry);
    GaugeWithCallback.builder().name(PREFIX + "agents").help("logged-in agents by state")
        .labelNames("state")
        .callback(cb -> state.agentsByState().forEach((s, n) -> cb.call(n, s)))
        .register(registry);
  }

  private Counter labelled(String name, String help, String label) {
    return Counter.builder().name(PREFIX + name).help(help).labelNames(label).withoutExemplars().register(registry);
  }

  /** Where the queue and agent gauges read the dispatch core's state from; set once at server start. */
  public void dispatchState(DispatchState value) {
    state = value == null ? DispatchState.NONE : value;
  }

  /** Counters shown as 0 before anything happened, so that the output always has the same keys. */
  public void declare(String... names) {
    for (String name : names) {
      pointOf(name);
    }
  }

  /** Adds one to the counter {@code name}. */
  public void count(String name) {
    pointOf(name).inc();
  }

  /**
   * Adds {@code delta} (negative too) to the up-down value {@code name}: a gauge kept by its
   * changes, exposed as {@code webassist_<name>}. Not for counters: use {@link #count}.
   */
  public void add(String name, long delta) {
    levels.computeIfAbsent(name, n -> {
      LongAdder level = new LongAdder();
      GaugeWithCallback.builder().name(PREFIX + family(n)).help(n.replace('_', ' '))
          .callback(cb -> cb.call(level.sum())).register(registry);
      return level;
    }).add(delta);
  }

  /** The counter's value (or the up-down value's, for names kept with {@link #add}). */
  public long counter(String name) {
    CounterDataPoint point = counters.get(name);
    if (point != null) {
      return point.getLongValue();
    }
    LongAdder level = levels.get(name);
    return level == null ? 0 : level.sum();
  }

  /** Registers a value computed when metrics are read, e.g. queue lengths; numbers are also a Prometheus gauge. */
  public void gauge(String name, Supplier<?> value) {
    if (gauges.put(name, value) == null) {
      GaugeWithCallback.builder().name(PREFIX + family(name)).help(name.replace('_', ' '))
          .callback(cb -> {
            if (gauges.get(name).get() instanceof Number number) { // the latest supplier registered for the name
              cb.call(number.doubleValue());
            }
          })
          .register(registry);
    }
  }

  /** One routing decision took {@code nanos}: from the request (or freed agent) to the offer sent. */
  public void observeRoutingLatencyNanos(long nanos) {
    routingLatency.observe(nanos / 1e9);
  }

  /** A request of {@code group} left the queue (taken by an agent, cancelled, or refused) after {@code millis}. */
  public void observeQueueWaitMillis(String group, long millis) {
    queueWait.labelValues(group).observe(millis / 1e3);
  }

  /** Every counter and gauge by name, sorted, ready to be written as JSON. */
  public Map<String, Object> snapshot() {
    Map<String, Object> out = new TreeMap<>();
    counters.forEach((name, point) -> out.put(name, point.getLongValue()));
    levels.forEach((name, level) -> out.put(name, level.sum()));
    gauges.forEach((name, value) -> out.put(name, value.get()));
    return out;
  }

  /** The Prometheus text format (version 0.0.4) content type. */
  public String prometheusContentType() {
    return writer.getContentType();
  }

  /** Writes every family in the Prometheus text format. */
  public void writePrometheus(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }

  /** The registry, for a test that wants to read a family directly. */
  PrometheusRegistry registry() {
    return registry;
  }

  private CounterDataPoint pointOf(String name) {
    CounterDataPoint point = counters.get(name);
    return point != null ? point : counters.computeIfAbsent(name, this::newCounter);
  }

  private CounterDataPoint newCounter(String name) {
    if (name.startsWith("offers_") && !name.equals("offers_sent")) {
      return offers.labelValues(name.substring("offers_".length()));
    }
    if (name.startsWith("sessions_link_")) {
      return sessionsByLink.labelValues(name.substring("sessions_link_".length()));
    }
    if (name.startsWith("limit_")) {
      return limitHits.labelValues(name.substring("limit_".length()));
    }
    String family = name.equals("sessions_started") ? "assignments" : family(name).replaceFirst("_total$", "");
    return Counter.builder().name(PREFIX + family).help(help(name)).withoutExemplars().register(registry);
  }

  /** A Prometheus metric name part for {@code name}: anything but letters, digits and _ becomes _. */
  private static String family(String name) {
    return name.replaceAll("[^a-zA-Z0-9_]", "_");
  }

  private static String help(String name) {
    return switch (name) {
      case "sessions_started" -> "requests assigned to an agent (an offer accepted: a session started)";
      case "connections_total" -> "TCP connections admitted since start";
      default -> name.replace('_', ' ');
    };
  }
}
