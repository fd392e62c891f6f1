package io.webassist.dispatch.limits;

import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.UnavailableReason;

/**
 * Every limit the server enforces, with the {@code error.code} a client gets for it, the name in
 * the {@code limit hit limit=…} log line, and its counter in {@code /metrics} ({@code limit_<key>}).
 */
public enum Limit {
  /** A line longer than {@code maxLineLength}; the connection is closed. */
  FRAME_TOO_LARGE("frame_too_large", ErrorCode.FRAME_TOO_LARGE),
  /** A line over {@code framesPerSecond}/{@code frameBurst}, refused. Counted per refused line. */
  FRAME_RATE("frame_rate", ErrorCode.RATE_LIMITED),
  /** {@code maxRefusedFrames} lines refused in a row: the connection is closed. */
  FRAME_RATE_CLOSE("frame_rate_close", ErrorCode.RATE_LIMITED),
  /** {@code maxConnectionsPerIp} reached; the new connection is refused at accept time. */
  CONNECTIONS_PER_IP("connections_per_ip", ErrorCode.TOO_MANY_CONNECTIONS),
  /** {@code maxConnections} reached; the new connection is refused at accept time. */
  TOTAL_CONNECTIONS("total_connections", ErrorCode.TOO_MANY_CONNECTIONS),
  /** {@code maxRequestsPerConnection} open on this connection; the request is refused. */
  REQUESTS_PER_CONNECTION("requests_per_connection", ErrorCode.TOO_MANY_REQUESTS),
  /** {@code maxPendingRequestsPerIp} waiting from this address; the request is refused. */
  PENDING_REQUESTS_PER_IP("pending_requests_per_ip", ErrorCode.TOO_MANY_REQUESTS),
  /** The group's queue ({@code queue.maxPerGroup}) is full; {@code support.unavailable{reason:"queue_full"}}. */
  QUEUE_FULL("queue_full", UnavailableReason.QUEUE_FULL.code()),
  /** No {@code hello} within {@code helloTimeoutMs}; closed. */
  HELLO_TIMEOUT("hello_timeout", ErrorCode.HELLO_TIMEOUT),
  /** Nothing received within {@code idleTimeoutMs}; closed. */
  IDLE_TIMEOUT("idle_timeout", ErrorCode.IDLE_TIMEOUT),
  /**
   * An agent id reached {@code loginFailuresPerAgent} from one address (blocked from that address),
   * or four times that from all addresses (blocked from addresses it never logged in from).
   */
  LOGIN_LOCKOUT_AGENT("login_lockout_agent", ErrorCode.RATE_LIMITED),
  /** An address reached {@code loginFailuresPerIp}; its logins are blocked for {@code loginBackoffMs} (growing). */
  LOGIN_LOCKOUT_IP("login_lockout_ip", ErrorCode.RATE_LIMITED),
  /** A login refused because its agent id or address is blocked (no password check). */
  LOGIN_BLOCKED("login_blocked", ErrorCode.RATE_LIMITED),
  /** {@code maxPendingLogins} password checks already waiting. */
  LOGINS_PENDING("logins_pending", ErrorCode.RATE_LIMITED),
  /** Not writable for {@code slowConsumerTimeoutMs}; closed without a last frame (it would not get through). */
  SLOW_CONSUMER("slow_consumer", Limit.SLOW_CONSUMER_CODE);

  /**
   * The code for a connection closed because it does not read what it is sent. Not in the
   * protocol module's {@link ErrorCode}: the client never receives it (its buffer is full), it
   * names the close in logs and metrics.
   */
  public static final String SLOW_CONSUMER_CODE = "slow_consumer";

  /** A full queue is answered with {@code support.unavailable{reason}}, not an error frame: this is that reason. */
  public static final String QUEUE_FULL_REASON = UnavailableReason.QUEUE_FULL.code();

  private final String key;
  private final String code;

  Limit(String key, String code) {
    this.key = key;
    this.code = code;
  }

  /** The name in log lines ({@code limit=…}). */
  public String key() {
    return key;
  }

  /** The {@code error.code} the client is sent. */
  public String code() {
    return code;
  }

  /** The counter in {@code /metrics}. */
  public String metric() {
    return "limit_" + key;
  }
}
