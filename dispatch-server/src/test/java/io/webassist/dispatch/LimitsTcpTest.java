package io.webassist.dispatch;

import static io.webassist.dispatch.testing.TestHashes.PASSWORD;
import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.dispatch.config.LimitsConfig;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import io.webassist.dispatch.limits.Limit;
import io.webassist.dispatch.testing.LineClient;
import io.webassist.dispatch.testing.ManualTicker;
import io.webassist.dispatch.testing.OpenSession;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Pong;
import io.webassist.protocol.frame.RelayPartnerLeft;
import io.webassist.protocol.frame.RelayReady;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.Welcome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every limit of issue 6 over real sockets against a real server: the client that hits it gets the
 * limit's error code (and, where the limit says so, a close), the limit's counter in
 * {@code /metrics} goes up, and other connections go on being served.
 */
class LimitsTcpTest {

  private final List<AutoCloseable> open = new ArrayList<>();
  private final ManualTicker clock = new ManualTicker();
  private DispatchServer server;

  private DispatchServer start(UnaryOperator<LimitsConfig.Builder> limits) throws Exception {
    ServerConfig config = ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
        .withTls(TlsConfig.disabled()) // these tests speak plain NDJSON; TlsTcpTest covers TLS
        .withAgents(List.of(agent("ann", 2, "general"), agent("bob", 2, "general")))
        .withLimits(limits.apply(LimitsConfig.defaults().toBuilder()).build());
    server = DispatchServer.start(config, clock);
    return server;
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private <T extends AutoCloseable> T track(T closeable) {
    open.add(closeable);
    return closeable;
  }

  private LineClient connect(String from) {
    return track(new LineClient(server.tcpPort(), from));
  }

  private LineClient hello(String role, String from) {
    LineClient client = connect(from);
    client.send("{\"type\":\"hello\",\"role\":\"" + role + "\",\"protocol\":1}").expect(Welcome.class);
    return client;
  }

  private long counter(Limit limit) {
    return (Long) server.metrics().get(limit.metric());
  }

  private static void assertPings(LineClient client) {
    client.send("{\"type\":\"ping\"}");
    assertThat(client.skipTo(Pong.class)).isEqualTo(Pong.INSTANCE);
  }

  private static String login(String agentId, String secret) {
    return "{\"type\":\"agent.login\",\"agentId\":\"" + agentId + "\",\"secret\":\"" + secret + "\"}";
  }

  private static String request(String name) {
    return "{\"type\":\"support.request\",\"name\":\"" + name + "\",\"customerId\":\"C-1\"}";
  }

  // ---- connections per IP, connections in total

  @Test
  void connectionOverThePerAddressLimitGetsTooManyConnectionsAndIsClosed() throws Exception {
    start(l -> l.maxConnectionsPerIp(3));
    List<LineClient> three = List.of(hello("user", "127.0.0.11"), hello("user", "127.0.0.11"), hello("agent", "127.0.0.11"));

    LineClient fourth = connect("127.0.0.11");

    fourth.expectError(ErrorCode.TOO_MANY_CONNECTIONS);
    fourth.expectClosed();
    assertThat(counter(Limit.CONNECTIONS_PER_IP)).isEqualTo(1);
    three.forEach(LimitsTcpTest::assertPings);
    assertPings(hello("user", "127.0.0.12")); // another address is not affected
  }

  @Test
  void closedConnectionGivesItsPlaceBackToItsAddress() throws Exception {
    start(l -> l.maxConnectionsPerIp(1));
    LineClient first = hello("user", "127.0.0.13");
    connect("127.0.0.13").expectError(ErrorCode.TOO_MANY_CONNECTIONS);

    first.close();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      try (LineClient again = new LineClient(server.tcpPort(), "127.0.0.13")) {
        again.send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}");
        assertThat(again.next()).isInstanceOf(Welcome.class);
      }
    });
  }

  @Test
  void connectionOverTheTotalLimitIsRefusedWhateverItsAddress() throws Exception {
    start(l -> l.maxConnections(2));
    LineClient a = hello("user", "127.0.0.21");
    LineClient b = hello("user", "127.0.0.22");

    LineClient third = connect("127.0.0.23");

    third.expectError(ErrorCode.TOO_MANY_CONNECTIONS);
    third.expectClosed();
    assertThat(counter(Limit.TOTAL_CONNECTIONS)).isEqualTo(1);
    assertPings(a);
    assertPings(b);
  }

  // ---- frames per second

  @Test
  void framesOverTheRateAreDroppedWithRateLimitedAndTheConnectionRecoversWhenItSlowsDown() throws Exception {
    start(l -> l.framesPerSecond(10).frameBurst(5).maxRefusedFrames(100));
    LineClient client = hello("user", null); // hello took one token: four left

    client.send("{\"type\":\"ping\"}\n".repeat(7).trim());

    List<Frame> answers = List.of(client.next(), client.next(), client.next(), client.next(), client.next());
    assertThat(answers).filteredOn(Pong.class::isInstance).hasSize(4);
    assertThat(answers).filteredOn(ErrorFrame.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((ErrorFrame) e).code()).isEqualTo(ErrorCode.RATE_LIMITED));
    assertThat(counter(Limit.FRAME_RATE)).isEqualTo(3);

    clock.advance(1_000);

    client.send("{\"type\":\"ping\"}");
    assertThat(client.next()).isEqualTo(Pong.INSTANCE);
  }

  @Test
  void sustainedFloodOfFramesIsClosedWithRateLimitedAndOthersAreServed() throws Exception {
    start(l -> l.framesPerSecond(10).frameBurst(5).maxRefusedFrames(20));
    LineClient flooder = hello("user", null);
    LineClient neighbour = hello("user", null);

    flooder.send("{\"type\":\"ping\"}\n".repeat(200).trim());

    List<String> codes = new ArrayList<>();
    for (String line; (line = flooder.readLine()) != null; ) {
      if (line.contains("\"error\"")) {
        codes.add(line.replaceAll(".*\"code\":\"([a-z_]+)\".*", "$1"));
      }
    }
    assertThat(codes).isNotEmpty().containsOnly(ErrorCode.RATE_LIMITED);
    assertThat(counter(Limit.FRAME_RATE_CLOSE)).isEqualTo(1);
    assertPings(neighbour);
  }

  // ---- line length

  @Test
  void lineOverTheLimitGetsFrameTooLargeAndIsClosed() throws Exception {
    start(l -> l.maxLineLength(4096));
    LineClient client = hello("user", null);

    client.send("{\"type\":\"chat.message\",\"text\":\"" + "x".repeat(5000) + "\"}");

    client.expectError(ErrorCode.FRAME_TOO_LARGE);
    client.expectClosed();
    assertThat(counter(Limit.FRAME_TOO_LARGE)).isEqualTo(1);
  }

  // ---- failed logins

  @Test
  void aGuesserIsSlowedDownButCannotLockTheAgentOutFromItsOwnAddress() throws Exception {
    start(l -> l.loginFailuresPerAgent(3).loginFailuresPerIp(100).loginBackoffMs(60_000));
    LineClient guesser = hello("agent", "127.0.0.31");
    for (int i = 0; i < 3; i++) {
      guesser.send(login("ann", "guess-" + i)).expectError(ErrorCode.AUTH_FAILED);
    }
    assertThat(counter(Limit.LOGIN_LOCKOUT_AGENT)).isEqualTo(1);

    guesser.send(login("ann", PASSWORD)); // even the right secret: blocked, no password check
    assertThat(guesser.expectError(ErrorCode.RATE_LIMITED).message()).contains("try again in 60 s");
    assertThat(server.metrics()).containsEntry("agent_logins_failed", 3L);
    assertThat(counter(Limit.LOGIN_BLOCKED)).isEqualTo(1);

    LineClient realAnn = hello("agent", "127.0.0.32");
    realAnn.send(login("ann", PASSWORD)).expect(AgentReady.class); // ann's own address keeps working

    clock.advance(60_000); // the guesser's next block lasts twice as long
    for (int i = 0; i < 3; i++) {
      guesser.send(login("ann", "guess-again-" + i)).expectError(ErrorCode.AUTH_FAILED);
    }
    guesser.send(login("ann", "more"));
    assertThat(guesser.expectError(ErrorCode.RATE_LIMITED).message()).contains("try again in 120 s");
  }

  @Test
  void repeatedFailedLoginsFromOneAddressBlockEveryLoginFromIt() throws Exception {
    start(l -> l.loginFailuresPerAgent(100).loginFailuresPerIp(3));
    LineClient guesser = hello("agent", "127.0.0.41");
    for (String id : List.of("root", "admin", "ann")) {
      guesser.send(login(id, "guess")).expectError(ErrorCode.AUTH_FAILED);
    }

    guesser.send(login("bob", PASSWORD)).expectError(ErrorCode.RATE_LIMITED);
    assertThat(counter(Limit.LOGIN_LOCKOUT_IP)).isEqualTo(1);

    hello("agent", "127.0.0.42").send(login("bob", PASSWORD)).expect(AgentReady.class);
  }

  // ---- pending requests per IP

  @Test
  void requestOverThePendingLimitOfItsAddressGetsTooManyRequests() throws Exception {
    start(l -> l.maxPendingRequestsPerIp(2));
    hello("user", "127.0.0.51").send(request("one")).expect(SupportQueued.class);
    hello("user", "127.0.0.51").send(request("two")).expect(SupportQueued.class);

    LineClient third = hello("user", "127.0.0.51").send(request("three"));

    third.expectError(ErrorCode.TOO_MANY_REQUESTS);
    assertThat(counter(Limit.PENDING_REQUESTS_PER_IP)).isEqualTo(1);
    assertPings(third); // the connection stays
    hello("user", "127.0.0.52").send(request("elsewhere")).expect(SupportQueued.class);
  }

  // ---- slow readers

  @Test
  void relaySideThatStopsReadingIsClosedAsSlowConsumerAndItsPartnerIsTold() throws Exception {
    start(l -> l.slowConsumerTimeoutMs(300));
    OpenSession session = track(OpenSession.start(server.tcpPort(), "ann"));
    String join = "{\"type\":\"relay.join\",\"sessionId\":\"" + session.sessionId + "\",\"token\":\"" + session.token + "\"}";
    Socket reader = track(new Socket());
    reader.setReceiveBufferSize(4096);
    reader.connect(new InetSocketAddress("127.0.0.1", server.tcpPort()));
    OutputStream readerOut = reader.getOutputStream();
    readerOut.write(("{\"type\":\"hello\",\"role\":\"relay\",\"protocol\":1}\n" + join + "\n").getBytes(StandardCharsets.UTF_8));
    BufferedReader readerIn = new BufferedReader(new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8));
    assertThat(readerIn.readLine()).contains("welcome");
    assertThat(readerIn.readLine()).contains("relay.joined");
    LineClient sender = hello("relay", null).send(join);
    sender.expect(RelayReady.class);
    assertThat(readerIn.readLine()).contains("relay.ready"); // from here on, the reader reads nothing

    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
      byte[] line = ("{\"type\":\"chat.message\",\"seq\":1,\"ts\":1,\"text\":\"" + "x".repeat(32_000) + "\"}\n")
          .getBytes(StandardCharsets.UTF_8);
      for (long sent = 0; !stop.get() && sent < 512L * 1024 * 1024; sent += line.length) {
        sender.sendBytes(line);
      }
    });
    try {
      assertThat(sender.skipTo(RelayPartnerLeft.class).sessionId()).isEqualTo(session.sessionId);
    } finally {
      stop.set(true);
    }
    flood.get();

    assertThat(counter(Limit.SLOW_CONSUMER)).isEqualTo(1);
    assertPings(session.agent); // the console and everyone else are not affected
    assertPings(hello("user", null));
  }

  @Test
  void userThatSendsButStopsReadingIsClosedAsSlowConsumerAndOthersAreServed() throws Exception {
    start(l -> l.slowConsumerTimeoutMs(300).framesPerSecond(100_000_000).frameBurst(100_000_000)
        .maxRefusedFrames(100_000_000));
    Socket pinger = track(new Socket());
    pinger.setReceiveBufferSize(4096);
    pinger.connect(new InetSocketAddress("127.0.0.1", server.tcpPort()));
    OutputStream out = pinger.getOutputStream();
    out.write("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}\n".getBytes(StandardCharsets.UTF_8));
    // pings whose pongs it never reads: they go out through the outbox in batches, fill its socket,
    // then the server's outbound buffer past the high water mark
    byte[] pings = "{\"type\":\"ping\"}\n".repeat(4_096).getBytes(StandardCharsets.UTF_8);
    CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
      try {
        for (long sent = 0; sent < 512L * 1024 * 1024; sent += pings.length) {
          out.write(pings);
        }
      } catch (java.io.IOException closed) {
        // the server closed it: what this test waits for
      }
    });

    // about 4 MB of pongs before the kernel's buffers are full: seconds on a loaded machine
    await().atMost(Duration.ofSeconds(90)).until(() -> counter(Limit.SLOW_CONSUMER) == 1);
    pinger.close();
    flood.get();
    assertPings(hello("user", null)); // everyone else is served
  }

  @Test
  void framesPipelinedInOneWriteAreAllAnsweredInOrder() throws Exception {
    start(l -> l.framesPerSecond(100_000).frameBurst(100_000));
    LineClient user = connect(null);
    StringBuilder batch = new StringBuilder("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}\n");
    for (int i = 0; i < 500; i++) {
      batch.append("{\"type\":\"ping\"}\n");
    }
    batch.append(request("last")).append('\n');
    user.sendBytes(batch.toString().getBytes(StandardCharsets.UTF_8));

    user.expect(Welcome.class);
    for (int i = 0; i < 500; i++) {
      user.expect(Pong.class);
    }
    user.expect(SupportQueued.class);
  }

  // ---- metrics

  @Test
  void metricsEndpointShowsACounterForEveryLimit() throws Exception {
    start(l -> l);
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics.json")).build(),
        HttpResponse.BodyHandlers.ofString());

    for (Limit limit : Limit.values()) {
      assertThat(response.body()).contains("\"" + limit.metric() + "\" : 0");
    }
    assertThat(response.body()).contains("\"connections_admitted\"", "\"login_failure_records\"");
  }
}
