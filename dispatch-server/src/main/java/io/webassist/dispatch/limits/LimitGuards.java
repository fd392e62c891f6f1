package io.webassist.dispatch.limits;

import io.webassist.dispatch.config.LimitsConfig;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.metrics.Metrics;

/**
 * The limiters one server shares between all its connections: open connections per address and
 * in total, failed logins, and the counting and logging of every limit hit. Per-connection
 * limiters (frame rate, writability) are made per channel from {@link #config()} and {@link #ticker()}.
 */
public record LimitGuards(
    LimitsConfig config, ConnectionCounter connections, LoginThrottle logins, LimitEvents events, Ticker ticker) {

  /** Most agent ids and most addresses whose failed logins are remembered at once (each). */
  public static final int MAX_TRACKED_LOGIN_KEYS = 10_000;

  public static LimitGuards from(ServerConfig config, Metrics metrics, Ticker ticker) {
    LimitsConfig limits = config.limits();
    LimitEvents events = new LimitEvents(metrics, ticker, config.logging().personalData());
    ConnectionCounter connections = new ConnectionCounter(limits.maxConnectionsPerIp(), limits.maxConnections());
    LoginThrottle logins = new LoginThrottle(limits.loginFailuresPerAgent(), limits.loginFailuresPerIp(),
        limits.loginFailureWindowMs(), limits.loginBackoffMs(), MAX_TRACKED_LOGIN_KEYS, ticker);
    metrics.gauge("connections_admitted", connections::open);
    metrics.gauge("connection_addresses", connections::addresses);
    metrics.gauge("login_failure_records", logins::tracked);
    return new LimitGuards(limits, connections, logins, events, ticker);
  }

  /** A frame-rate limiter for one new connection. */
  public FrameRateLimiter newFrameRateLimiter() {
    return new FrameRateLimiter(config.framesPerSecond(), config.frameBurst(), config.maxRefusedFrames(), ticker);
  }
}
