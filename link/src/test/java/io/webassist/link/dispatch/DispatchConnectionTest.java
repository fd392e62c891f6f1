package io.webassist.link.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.link.LinkException;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.testing.DispatchStub;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Hello;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.SupportCancel;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import io.webassist.link.testing.TestTls;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dispatch connection, over TLS pinned to the stand-in server and over plain TCP. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestTls.class)
class DispatchConnectionTest {
  @Parameter
  TestTls mode;

  private LinkRuntime runtime;
  private DispatchStub server;
  private final List<Frame> frames = new CopyOnWriteArrayList<>();
  private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
  private final List<String> callbackThreads = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    runtime = LinkRuntime.create();
  }

  @AfterEach
  void stop() {
    runtime.close();
    if (server != null) {
      server.close();
    }
  }

  private DispatchConnection.Builder builder(Role role) {
    return DispatchConnection.builder(runtime, "127.0.0.1", server.port(), role)
        .security(mode.security())
        .client("test/1")
        .onFrame(f -> {
          callbackThreads.add(Thread.currentThread().getName());
          frames.add(f);
        })
        .onState(states::add);
  }

  private static <T> T done(CompletableFuture<T> future) {
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void saysHelloWithItsRoleAndCompletesOnWelcome() {
    server = new DispatchStub(30_000, mode.serverContext());

    DispatchConnection connection = done(builder(Role.USER).connect());

    assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(connection.welcome().connectionId()).isEqualTo("c-1");
    assertThat(server.receivedOf(Hello.class)).singleElement().satisfies(h -> {
      assertThat(h.role()).isEqualTo(Role.USER);
      assertThat(h.protocol()).isEqualTo(1);
      assertThat(h.client()).isEqualTo("test/1");
    });
    assertThat(states).containsExactly(ConnectionState.CONNECTED);
    assertThat(connection.localAddress().getAddress().isLoopbackAddress()).isTrue();
    assertThat(server.tlsProtocols).isEqualTo(mode == TestTls.TLS ? List.of("TLSv1.3") : List.of());
  }

  @Test
  void framesBothWaysAndCallbacksRunOnTheLinkThread() {
    server = new DispatchStub(30_000, mode.serverContext());
    DispatchConnection connection = done(builder(Role.USER).connect());

    assertThat(connection.send(new SupportCancel("r-1"))).isTrue();
    server.broadcast(new SupportQueued("r-1", 2));

    await().atMost(Duration.ofSeconds(5)).until(() -> frames.size() == 1 && server.received.size() == 2);
    assertThat(frames).containsExactly(new SupportQueued("r-1", 2));
    assertThat(server.receivedOf(SupportCancel.class)).containsExactly(new SupportCancel("r-1"));
    assertThat(callbackThreads).allSatisfy(name -> assertThat(name).startsWith("webassist-link-"));
  }

  @Test
  void pingsAtAThirdOfTheIdleTimeoutTheServerAnnounced() {
    server = new DispatchStub(600, mode.serverContext());
    done(builder(Role.AGENT).connect());

    await().atMost(Duration.ofSeconds(3)).until(() -> server.pings.get() >= 3);
  }

  @Test
  void refusedHelloFailsTheFutureWithTheServersErrorCode() {
    server = new DispatchStub(30_000, mode.serverContext());
    server.refuseHello = true;

    CompletableFuture<DispatchConnection> connecting = builder(Role.AGENT).connect();

    assertThat(connecting).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
        .havingCause().isInstanceOfSatisfying(LinkException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_PROTOCOL));
  }

  @Test
  void unreachableServerFailsTheFirstConnect() throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    CompletableFuture<DispatchConnection> connecting =
        DispatchConnection.builder(runtime, "127.0.0.1", deadPort, Role.USER)
            .security(mode.security()).reconnect(Backoff.DEFAULT).connect();

    try {
      connecting.join();
      throw new AssertionError("connected to a dead port");
    } catch (CompletionException e) {
      assertThat(((LinkException) e.getCause()).code()).isEqualTo(LinkException.CONNECT_FAILED);
    }
  }

  @Test
  void reconnectsWithBackoffAfterTheServerDropsAndTellsTheApp() {
    server = new DispatchStub(30_000, mode.serverContext());
    DispatchConnection connection = done(builder(Role.AGENT)
        .reconnect(new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), 2.0)).connect());

    server.dropAll();

    await().atMost(Duration.ofSeconds(5)).until(() -> server.hellos.get() == 2
        && connection.state() == ConnectionState.CONNECTED);
    assertThat(states).containsExactly(
        ConnectionState.CONNECTED, ConnectionState.RECONNECTING, ConnectionState.CONNECTED);
    assertThat(connection.welcome().connectionId()).isEqualTo("c-2");
    connection.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> connection.state() == ConnectionState.CLOSED);
    assertThat(connection.send(new SupportCancel("r-1"))).isFalse();
  }

  @Test
  void withoutReconnectADropClosesForGood() {
    server = new DispatchStub(30_000, mode.serverContext());
    DispatchConnection connection = done(builder(Role.USER).connect());

    server.dropAll();

    await().atMost(Duration.ofSeconds(5)).until(() -> connection.state() == ConnectionState.CLOSED);
    assertThat(server.hellos.get()).isEqualTo(1);
  }

  @Test
  void backoffGrowsAndStaysBounded() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 2.0);
    assertThat(backoff.delay(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(120));
    assertThat(backoff.delay(3)).isBetween(Duration.ofMillis(800), Duration.ofMillis(960));
    assertThat(backoff.delay(50)).isEqualTo(Duration.ofSeconds(2));
    assertThat(LinkOptions.DEFAULTS.idleTimeout()).isGreaterThan(LinkOptions.DEFAULTS.pingInterval());
  }
}
