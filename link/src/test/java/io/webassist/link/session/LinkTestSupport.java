package io.webassist.link.session;

import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.testing.TestTls;
import io.webassist.protocol.frame.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Short timings for loopback tests (without transport security: add it with {@link #fast}), and small helpers. */
final class LinkTestSupport {
  static final LinkOptions FAST = LinkOptions.builder()
      .dialTimeout(Duration.ofMillis(500))
      .connectTimeout(Duration.ofSeconds(2))
      .handshakeTimeout(Duration.ofSeconds(2))
      .directTimeout(Duration.ofMillis(800))
      .establishTimeout(Duration.ofSeconds(10))
      .recoveryTimeout(Duration.ofSeconds(10))
      .pingInterval(Duration.ofSeconds(1))
      .idleTimeout(Duration.ofSeconds(5))
      .build();

  private LinkTestSupport() {}

  /** {@link #FAST}, connecting as {@code mode} says. */
  static LinkOptions fast(TestTls mode) {
    return FAST.toBuilder().security(mode.security()).build();
  }

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  /** Reads link-thread state from the test thread. */
  static <T> T onLinkThread(LinkRuntime runtime, Supplier<T> read) {
    return await(CompletableFuture.supplyAsync(read, runtime.linkThread()));
  }

  /** A loopback port that nobody listens on (bound once, then closed). */
  static Endpoint deadEndpoint() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return new Endpoint("127.0.0.1", socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
