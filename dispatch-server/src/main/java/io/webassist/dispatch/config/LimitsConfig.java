package io.webassist.dispatch.config;

/**
 * Per-connection and per-address limits and timeouts: what a stranger may cost the server before
 * being refused. Read from the {@code limits} section of the configuration; every field is optional
 * and defaults to {@link #defaults()}. docs/OPERATIONS.md lists each with its error code, log line
 * and metric.
 *
 * @param maxLineLength longest NDJSON line in bytes; longer gets {@code frame_too_large} and a close
 * @param helloTimeoutMs how long a new connection may take to send {@code hello}; with TLS on, also the
 *     deadline of the TLS handshake, which comes first and counts against the same time
 * @param idleTimeoutMs a connection that sends nothing (not even {@code ping}) this long is closed
 * @param maxRequestsPerConnection open support requests one user connection may hold at once
 * @param maxPendingLogins password checks waiting at once; more get {@code rate_limited}
 * @param loginThreads threads that check passwords (PBKDF2 is slow on purpose, never on an event loop)
 * @param framesPerSecond lines a connection may send per second, sustained (token bucket refill rate)
 * @param frameBurst lines a connection may send at once after being quiet (token bucket size)
 * @param maxRefusedFrames lines refused for the rate before the connection is closed; the count
 *     starts again once the connection has slowed down enough for its bucket to fill up
 * @param maxConnectionsPerIp open TCP connections from one IP address
 * @param maxConnections open TCP connections in total
 * @param maxPendingRequestsPerIp support requests from one IP address that wait in a queue (queued
 *     or offered, not yet in a session) at once
 * @param loginFailuresPerAgent failed logins for one agent id from one address within
 *     {@code loginFailureWindowMs} before that id is blocked from that address (not from others) for
 *     {@code loginBackoffMs}, twice as long each time again (at most 16×); four times as many from
 *     all addresses together block the id for addresses it never logged in from
 * @param loginFailuresPerIp failed logins from one IP address within {@code loginFailureWindowMs}
 *     before that address is blocked for {@code loginBackoffMs} (growing the same way)
 * @param loginFailureWindowMs the window failed logins are counted in
 * @param loginBackoffMs how long a first block lasts: blocked logins get {@code rate_limited}, without a password check
 * @param writeBufferLowWaterMark outbound bytes below which a connection is writable again
 * @param writeBufferHighWaterMark outbound bytes above which a connection is not writable
 * @param slowConsumerTimeoutMs a connection that stays not writable this long is closed
 */
public record LimitsConfig(
    int maxLineLength, long helloTimeoutMs, long idleTimeoutMs, int maxRequestsPerConnection,
    int maxPendingLogins, int loginThreads,
    int framesPerSecond, int frameBurst, int maxRefusedFrames,
    int maxConnectionsPerIp, int maxConnections, int maxPendingRequestsPerIp,
    int loginFailuresPerAgent, int loginFailuresPerIp, long loginFailureWindowMs, long loginBackoffMs,
    int writeBufferLowWaterMark, int writeBufferHighWaterMark, long slowConsumerTimeoutMs) {

  public LimitsConfig {
    positive(maxLineLength, "maxLineLength");
    positive(helloTimeoutMs, "helloTimeoutMs");
    positive(idleTimeoutMs, "idleTimeoutMs");
    positive(maxRequestsPerConnection, "maxRequestsPerConnection");
    positive(maxPendingLogins, "maxPendingLogins");
    positive(loginThreads, "loginThreads");
    positive(framesPerSecond, "framesPerSecond");
    positive(frameBurst, "frameBurst");
    positive(maxRefusedFrames, "maxRefusedFrames");
    positive(maxConnectionsPerIp, "maxConnectionsPerIp");
    positive(maxConnections, "maxConnections");
    positive(maxPendingRequestsPerIp, "maxPendingRequestsPerIp");
    positive(loginFailuresPerAgent, "loginFailuresPerAgent");
    positive(loginFailuresPerIp, "loginFailuresPerIp");
    positive(loginFailureWindowMs, "loginFailureWindowMs");
    positive(loginBackoffMs, "loginBackoffMs");
    positive(writeBufferLowWaterMark, "writeBufferLowWaterMark");
    positive(writeBufferHighWaterMark, "writeBufferHighWaterMark");
    positive(slowConsumerTimeoutMs, "slowConsumerTimeoutMs");
    if (writeBufferLowWaterMark > writeBufferHighWaterMark) {
      throw new IllegalArgumentException("writeBufferLowWaterMark must not be above writeBufferHighWaterMark: "
          + writeBufferLowWaterMark + " > " + writeBufferHighWaterMark);
    }
  }

  public static LimitsConfig defaults() {
    return new Builder().build();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public LimitsConfig withHelloTimeoutMs(long value) {
    return toBuilder().helloTimeoutMs(value).build();
  }

  public LimitsConfig withIdleTimeoutMs(long value) {
    return toBuilder().idleTimeoutMs(value).build();
  }

  public LimitsConfig withMaxLineLength(int value) {
    return toBuilder().maxLineLength(value).build();
  }

  private static void positive(long value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  /** Mutable twin of {@link LimitsConfig}, starting at the defaults; {@link #build()} validates. */
  public static final class Builder {
    private int maxLineLength = 64 * 1024;
    private long helloTimeoutMs = 10_000;
    private long idleTimeoutMs = 60_000;
    private int maxRequestsPerConnection = 1;
    private int maxPendingLogins = 32;
    private int loginThreads = 2;
    private int framesPerSecond = 100;
    private int frameBurst = 200;
    private int maxRefusedFrames = 200;
    private int maxConnectionsPerIp = 100;
    private int maxConnections = 10_000;
    private int maxPendingRequestsPerIp = 20;
    private int loginFailuresPerAgent = 5;
    private int loginFailuresPerIp = 20;
    private long loginFailureWindowMs = 300_000;
    private long loginBackoffMs = 300_000;
    private int writeBufferLowWaterMark = 32 * 1024;
    private int writeBufferHighWaterMark = 64 * 1024;
    private long slowConsumerTimeoutMs = 30_000;

    public Builder() {}

    private Builder(LimitsConfig c) {
      maxLineLength = c.maxLineLength;
      helloTimeoutMs = c.helloTimeoutMs;
      idleTimeoutMs = c.idleTimeoutMs;
      maxRequestsPerConnection = c.maxRequestsPerConnection;
      maxPendingLogins = c.maxPendingLogins;
      loginThreads = c.loginThreads;
      framesPerSecond = c.framesPerSecond;
      frameBurst = c.frameBurst;
      maxRefusedFrames = c.maxRefusedFrames;
      maxConnectionsPerIp = c.maxConnectionsPerIp;
      maxConnections = c.maxConnections;
      maxPendingRequestsPerIp = c.maxPendingRequestsPerIp;
      loginFailuresPerAgent = c.loginFailuresPerAgent;
      loginFailuresPerIp = c.loginFailuresPerIp;
      loginFailureWindowMs = c.loginFailureWindowMs;
      loginBackoffMs = c.loginBackoffMs;
      writeBufferLowWaterMark = c.writeBufferLowWaterMark;
      writeBufferHighWaterMark = c.writeBufferHighWaterMark;
      slowConsumerTimeoutMs = c.slowConsumerTimeoutMs;
    }

    public Builder maxLineLength(int v) { maxLineLength = v; return this; }
    public Builder helloTimeoutMs(long v) { helloTimeoutMs = v; return this; }
    public Builder idleTimeoutMs(long v) { idleTimeoutMs = v; return this; }
    public Builder maxRequestsPerConnection(int v) { maxRequestsPerConnection = v; return this; }
    public Builder maxPendingLogins(int v) { maxPendingLogins = v; return this; }
    public Builder loginThreads(int v) { loginThreads = v; return this; }
    public Builder framesPerSecond(int v) { framesPerSecond = v; return this; }
    public Builder frameBurst(int v) { frameBurst = v; return this; }
    public Builder maxRefusedFrames(int v) { maxRefusedFrames = v; return this; }
    public Builder maxConnectionsPerIp(int v) { maxConnectionsPerIp = v; return this; }
    public Builder maxConnections(int v) { maxConnections = v; return this; }
    public Builder maxPendingRequestsPerIp(int v) { maxPendingRequestsPerIp = v; return this; }
    public Builder loginFailuresPerAgent(int v) { loginFailuresPerAgent = v; return this; }
    public Builder loginFailuresPerIp(int v) { loginFailuresPerIp = v; return this; }
    public Builder loginFailureWindowMs(long v) { loginFailureWindowMs = v; return this; }
    public Builder loginBackoffMs(long v) { loginBackoffMs = v; return this; }
    public Builder writeBufferLowWaterMark(int v) { writeBufferLowWaterMark = v; return this; }
    public Builder writeBufferHighWaterMark(int v) { writeBufferHighWaterMark = v; return this; }
    public Builder slowConsumerTimeoutMs(long v) { slowConsumerTimeoutMs = v; return this; }

    public LimitsConfig build() {
      return new LimitsConfig(maxLineLength, helloTimeoutMs, idleTimeoutMs, maxRequestsPerConnection,
          maxPendingLogins, loginThreads, framesPerSecond, frameBurst, maxRefusedFrames,
          maxConnectionsPerIp, maxConnections, maxPendingRequestsPerIp,
          loginFailuresPerAgent, loginFailuresPerIp, loginFailureWindowMs, loginBackoffMs,
          writeBufferLowWaterMark, writeBufferHighWaterMark, slowConsumerTimeoutMs);
    }
  }
}
