package io.webassist.dispatch.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The server's counters (things that happened, only ever growing) and gauges (how things are
 * now, read when asked). Served as JSON at {@code /metrics}. Thread-safe and cheap on the hot path.
 */
public final class Metrics {

  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<String, Supplier<?>> gauges = new ConcurrentHashMap<>();

  /** Counters shown as 0 before anything happened, so that the output always has the same keys. */
  public void declare(String... names) {
    for (String name : names) {
      counters.computeIfAbsent(name, n -> new LongAdder());
    }
  }

  /** Adds one to the counter {@code name}. */
  public void count(String name) {
    counters.computeIfAbsent(name, n -> new LongAdder()).increment();
  }

  /** Adds {@code delta} to the counter {@code name} (negative for gauges kept as counters). */
  public void add(String name, long delta) {
    counters.computeIfAbsent(name, n -> new LongAdder()).add(delta);
  }

  /**
   * Routing latency: a request's arrival (or its return to the queue) to its offer being sent. A
   * count and a sum here; the Prometheus rebuild makes it a histogram.
   */
  public void observeRoutingLatencyNanos(long nanos) {
    add("routing_latency_count", 1);
    add("routing_latency_nanos_sum", nanos);
  }

  /** Time in queue: a request's arrival to its assignment, per group. A count and a sum here. */
  public void observeQueueWaitMillis(String group, long millis) {
    add("queue_wait_count", 1);
    add("queue_wait_ms_sum", millis);
  }

  public long counter(String name) {
    LongAdder adder = counters.get(name);
    return adder == null ? 0 : adder.sum();
  }

  /** Registers a value computed when metrics are read, e.g. queue lengths. */
  public void gauge(String name, Supplier<?> value) {
    gauges.put(name, value);
  }

  /** Every counter and gauge by name, sorted, ready to be written as JSON. */
  public Map<String, Object> snapshot() {
    Map<String, Object> out = new TreeMap<>();
    counters.forEach((name, adder) -> out.put(name, adder.sum()));
    gauges.forEach((name, value) -> out.put(name, value.get()));
    return out;
  }
}
