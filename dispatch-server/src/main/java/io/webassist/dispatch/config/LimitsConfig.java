package io.webassist.dispatch.config;

/**
 * Per-connection limits and timeouts.
 *
 * @param maxLineLength longest NDJSON line in bytes; longer gets {@code frame_too_large} and a close
 * @param helloTimeoutMs how long a new connection may take to send {@code hello}
 * @param idleTimeoutMs a connection that sends nothing (not even {@code ping}) this long is closed
 * @param maxRequestsPerConnection open support requests one user connection may hold at once
 * @param maxPendingLogins password checks waiting at once; more get {@code rate_limited}
 * @param loginThreads threads that check passwords (PBKDF2 is slow on purpose, never on an event loop)
 */
public record LimitsConfig(
    int maxLineLength, long helloTimeoutMs, long idleTimeoutMs, int maxRequestsPerConnection,
    int maxPendingLogins, int loginThreads) {

  public LimitsConfig {
    positive(maxLineLength, "maxLineLength");
    positive(helloTimeoutMs, "helloTimeoutMs");
    positive(idleTimeoutMs, "idleTimeoutMs");
    positive(maxRequestsPerConnection, "maxRequestsPerConnection");
    positive(maxPendingLogins, "maxPendingLogins");
    positive(loginThreads, "loginThreads");
  }

  public static LimitsConfig defaults() {
    return new LimitsConfig(64 * 1024, 10_000, 60_000, 1, 32, 2);
  }

  public LimitsConfig withHelloTimeoutMs(long value) {
    return new LimitsConfig(maxLineLength, value, idleTimeoutMs, maxRequestsPerConnection, maxPendingLogins, loginThreads);
  }

  public LimitsConfig withIdleTimeoutMs(long value) {
    return new LimitsConfig(maxLineLength, helloTimeoutMs, value, maxRequestsPerConnection, maxPendingLogins, loginThreads);
  }

  public LimitsConfig withMaxLineLength(int value) {
    return new LimitsConfig(value, helloTimeoutMs, idleTimeoutMs, maxRequestsPerConnection, maxPendingLogins, loginThreads);
  }

  private static void positive(long value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
