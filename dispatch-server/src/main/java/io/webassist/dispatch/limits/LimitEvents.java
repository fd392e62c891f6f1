package io.webassist.dispatch.limits;

import io.webassist.dispatch.metrics.Metrics;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every limit hit is counted (the {@code limit_*} counters of {@code /metrics}) and logged
 * as one key=value line: {@code limit hit limit=frame_rate code=rate_limited connection=c-12 …}.
 * The log is itself rate-limited per limit (a burst of {@value #LOG_BURST} lines, then one a
 * second; the next line that gets through says how many were {@code suppressed=}), so an
 * attacker who hits a limit on purpose cannot flood the log. No IP address is ever in the INFO
 * line; with {@code logging.personalData} a DEBUG line with the address follows it. Thread-safe.
 */
public final class LimitEvents {

  static final int LOG_BURST = 5;
  static final long LOG_INTERVAL_MS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(LimitEvents.class);

  private final Metrics metrics;
  private final Ticker ticker;
  private final boolean logPersonalData;
  private final Map<Limit, LogGate> gates = new EnumMap<>(Limit.class);

  public LimitEvents(Metrics metrics, Ticker ticker, boolean logPersonalData) {
    this.metrics = metrics;
    this.ticker = ticker;
    this.logPersonalData = logPersonalData;
    for (Limit limit : Limit.values()) {
      gates.put(limit, new LogGate(LOG_BURST, LOG_INTERVAL_MS, ticker));
      metrics.declare(limit.metric());
    }
  }

  /** Counts a hit without logging it (the caller logs the first of a series). */
  public void count(Limit limit) {
    metrics.count(limit.metric());
  }

  /**
   * Counts a hit and logs it, unless the log for this limit is over its rate.
   *
   * @param connectionId the connection's id as in {@code welcome}, or null
   * @param details more key=value pairs, or ""; never personal data
   * @param ip the client's address, logged only at DEBUG and only with {@code logging.personalData}; may be null
   */
  public void hit(Limit limit, String connectionId, String details, String ip) {
    count(limit);
    long suppressed = gates.get(limit).tryPass();
    if (suppressed < 0) {
      return;
    }
    LOG.info("limit hit limit={} code={} connection={}{}{}", limit.key(), limit.code(),
        connectionId == null ? "-" : connectionId, details.isEmpty() ? "" : " " + details,
        suppressed > 0 ? " suppressed=" + suppressed : "");
    if (logPersonalData && ip != null) {
      LOG.debug("limit hit details limit={} connection={} ip={}", limit.key(), connectionId, ip);
    }
  }
}
