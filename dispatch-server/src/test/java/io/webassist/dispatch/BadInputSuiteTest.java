package io.webassist.dispatch;

import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.webassist.dispatch.config.LimitsConfig;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import io.webassist.dispatch.limits.Limit;
import io.webassist.dispatch.testing.LineClient;
import io.webassist.dispatch.testing.OpenSession;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Pong;
import io.webassist.protocol.frame.RelayJoined;
import io.webassist.protocol.frame.Welcome;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, "a bad-input suite over real sockets": one real server on loopback takes garbage, a
 * 1 GiB line, half frames, JSON of the wrong shape and types, huge strings in every field of every
 * frame it accepts, unknown types, frames in the wrong state, and 2,000 connections that never say
 * hello. After each, {@link #serverStillServesAndHasForgottenTheAbuse} checks that a normal request
 * and session still work end to end (agent login, user request, offer, accept, the same token on
 * both sides), that every connection of the abuse is gone, that the used heap is back within
 * {@value #HEAP_SLACK_MIB} MiB of where it started, and that Netty's leak detector, at PARANOID
 * for this class, reported no leaked buffer.
 */
class BadInputSuiteTest {

  private static final long HEAP_SLACK_MIB = 32;
  private static final long HELLO_TIMEOUT_MS = 1_000;
  private static final long IDLE_TIMEOUT_MS = 5_000; // long enough for a login on a loaded machine
  private static final String HUGE = "x".repeat(60_000); // over every field limit, under the 64 KiB line limit

  private static final List<String> leaks = new CopyOnWriteArrayList<>();
  private static ResourceLeakDetector.Level previousLeakLevel;
  private static DispatchServer server;
  private static long baselineHeap;

  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void startServerWithParanoidLeakDetection() throws Exception {
    previousLeakLevel = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    byteBufLeakDetector().setLeakListener((type, records) -> leaks.add(type + "\n" + records));
    proveTheLeakCheckSeesALeak();

    ServerConfig config = ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
        .withTls(TlsConfig.disabled()) // these tests speak plain NDJSON; TlsTcpTest covers TLS
        .withAgents(List.of(agent("ann", 4, "general"), agent("bob", 4, "general")))
        .withLimits(LimitsConfig.defaults().toBuilder()
            .helloTimeoutMs(HELLO_TIMEOUT_MS).idleTimeoutMs(IDLE_TIMEOUT_MS).build());
    server = DispatchServer.start(config);
    try (OpenSession warmUp = OpenSession.start(server.tcpPort(), "ann")) {
      assertThat(warmUp.token).isNotBlank();
    }
    awaitNoConnections();
    baselineHeap = usedHeapAfterGc();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
    byteBufLeakDetector().setLeakListener(null);
    ResourceLeakDetector.setLevel(previousLeakLevel);
  }

  @AfterEach
  void serverStillServesAndHasForgottenTheAbuse() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    awaitNoConnections(); // what the abuse left waiting is gone before the check below logs in
    try (OpenSession session = OpenSession.start(server.tcpPort(), "bob")) {
      assertThat(session.token).hasSizeGreaterThanOrEqualTo(22);
    }
    awaitNoConnections();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(usedHeapAfterGc() - baselineHeap).as("heap growth in bytes").isLessThan(HEAP_SLACK_MIB << 20));
    provokeLeakReports();
    assertThat(leaks).as("buffers Netty's leak detector saw leaked").isEmpty();
  }

  // ---- the abuse

  @Test
  void garbageBytesGetBadFrameAndTheConnectionStillAnswersPing() {
    LineClient client = hello("user");
    Random random = new Random(6);
    for (int i = 0; i < 16; i++) {
      byte[] garbage = new byte[1024];
      random.nextBytes(garbage);
      for (int j = 0; j < garbage.length; j++) {
        if (garbage[j] == '\n') {
          garbage[j] = '?';
        }
      }
      garbage[garbage.length - 1] = '\n';
      client.sendBytes(garbage);
      assertThat(client.expect(ErrorFrame.class).code()).isEqualTo(ErrorCode.BAD_FRAME);
    }

    client.send("{\"type\":\"ping\"}");
    assertThat(client.next()).isEqualTo(Pong.INSTANCE);
  }

  @Test
  void garbageInsteadOfHelloIsClosedAtTheLatestByTheHelloTimeout() {
    LineClient client = connect(null);
    byte[] garbage = new byte[8192];
    new Random(7).nextBytes(garbage);

    client.sendBytes(garbage).sendBytes(new byte[] {'\n'});

    client.expectClosed();
  }

  @Test
  void aOneGibibyteLineIsCutOffAtTheLineLimitWithoutBeingBuffered() throws Exception {
    long before = counter(Limit.FRAME_TOO_LARGE);
    long sent = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> streamOneGibibyteLine());

    assertThat(sent).as("bytes written before the server closed").isLessThan(256L << 20);
    assertThat(counter(Limit.FRAME_TOO_LARGE)).isEqualTo(before + 1);
  }

  private long streamOneGibibyteLine() throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.tcpPort()));
      OutputStream out = socket.getOutputStream();
      out.write("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}\n{\"type\":\"chat.message\",\"text\":\""
          .getBytes(StandardCharsets.UTF_8));
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) 'a');
      long sent = 0;
      try {
        while (sent < (1L << 30)) {
          out.write(chunk);
          sent += chunk.length;
        }
      } catch (IOException closedByTheServer) {
        return sent;
      }
      fail("the server took a whole 1 GiB line without closing the connection");
      return sent;
    }
  }

  @Test
  void halfAFrameThenSilenceBeforeHelloIsClosedByTheHelloTimeout() {
    LineClient client = connect(null);

    client.sendBytes("{\"type\":\"hel".getBytes(StandardCharsets.UTF_8));

    client.expectError(ErrorCode.HELLO_TIMEOUT);
    client.expectClosed();
  }

  @Test
  void halfAFrameThenSilenceAfterHelloIsClosedByTheIdleTimeout() {
    LineClient client = hello("agent");

    client.sendBytes("{\"type\":\"agent.log".getBytes(StandardCharsets.UTF_8));

    client.expectError(ErrorCode.IDLE_TIMEOUT);
    client.expectClosed();
  }

  @Test
  void validJsonOfTheWrongShapeIsRefusedAndTheConnectionStays() {
    LineClient client = hello("user");
    String deep = "[".repeat(5_000) + "]".repeat(5_000);
    List<String> lines = List.of("[]", "[{\"type\":\"ping\"}]", "\"ping\"", "42", "null", "true", "{}",
        "{\"type\":null}", "{\"type\":42}", "{\"type\":[\"ping\"]}", "{\"type\":{\"name\":\"ping\"}}",
        "{\"type\":\"ping\"}{\"type\":\"ping\"}", "{\"type\":\"ping\",\"deep\":" + deep + "}",
        "{\"type\":\"support.request\",\"name\":\"a\",\"peer\":[1,2]}",
        "{\"type\":\"support.request\",\"name\":\"a\",\"peer\":{\"host\":\"h\"}}",
        "{\"type\":\"support.request\",\"phone\":{\"number\":\"1\"}}");

    for (String line : lines) {
      client.send(line);
      String what = line.length() > 80 ? line.substring(0, 80) : line;
      assertThat(client.next()).as(what).isInstanceOfSatisfying(ErrorFrame.class,
          e -> assertThat(e.code()).as(what).isIn(ErrorCode.BAD_FRAME, ErrorCode.UNKNOWN_TYPE));
    }
    assertPings(client);
  }

  @Test
  void wrongTypesInFieldsGetBadFrameNamingTheFrame() {
    assertAllRefused(connect(null), ErrorCode.BAD_FRAME,
        "{\"type\":\"hello\",\"role\":\"user\",\"protocol\":\"1\"}",
        "{\"type\":\"hello\",\"role\":7,\"protocol\":1}");
    assertAllRefused(hello("user"), ErrorCode.BAD_FRAME,
        "{\"type\":\"support.request\",\"name\":5,\"customerId\":\"C\"}",
        "{\"type\":\"support.request\",\"name\":\"a\",\"peer\":{\"host\":\"h\",\"port\":\"80\"}}",
        "{\"type\":\"support.request\",\"name\":\"a\",\"peer\":{\"host\":\"h\",\"port\":70000}}",
        "{\"type\":\"support.cancel\",\"requestId\":5}",
        "{\"type\":\"session.end\",\"sessionId\":true,\"reason\":\"x\"}",
        "{\"type\":\"session.link\",\"sessionId\":\"s\",\"path\":\"carrier-pigeon\"}");
    assertAllRefused(hello("agent"), ErrorCode.BAD_FRAME,
        "{\"type\":\"agent.login\",\"agentId\":[\"ann\"],\"secret\":\"x\"}",
        "{\"type\":\"agent.login\",\"agentId\":\"ann\",\"secret\":12345}",
        "{\"type\":\"agent.status\",\"status\":\"available\",\"maxSessions\":\"2\"}",
        "{\"type\":\"agent.status\",\"status\":true}",
        "{\"type\":\"offer.accept\",\"requestId\":{\"id\":1}}",
        "{\"type\":\"offer.decline\",\"requestId\":null}");
    assertAllRefused(hello("relay"), ErrorCode.BAD_FRAME,
        "{\"type\":\"relay.join\",\"sessionId\":1,\"token\":2}");
  }

  @Test
  void hugeStringsInEveryFieldOfEveryFrameTheServerAcceptsAreRefusedNamingTheField() {
    assertEachRefusedNaming(connect(null), "hello", Map.of(
        "client", "{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1,\"client\":\"%s\"}",
        "role", "{\"type\":\"hello\",\"role\":\"%s\",\"protocol\":1}"));
    assertEachRefusedNaming(hello("agent"), "agent.login", Map.of(
        "agentId", "{\"type\":\"agent.login\",\"agentId\":\"%s\",\"secret\":\"x\"}",
        "secret", "{\"type\":\"agent.login\",\"agentId\":\"ann\",\"secret\":\"%s\"}"));
    assertEachRefusedNaming(hello("agent"), "agent", Map.of(
        "status", "{\"type\":\"agent.status\",\"status\":\"%s\"}",
        "requestId", "{\"type\":\"offer.accept\",\"requestId\":\"%s\"}",
        "requestId ", "{\"type\":\"offer.decline\",\"requestId\":\"%s\"}"));
    assertEachRefusedNaming(hello("user"), "support.request", Map.of(
        "name", "{\"type\":\"support.request\",\"name\":\"%s\"}",
        "phone", "{\"type\":\"support.request\",\"phone\":\"%s\"}",
        "customerId", "{\"type\":\"support.request\",\"name\":\"a\",\"customerId\":\"%s\"}",
        "pageUrl", "{\"type\":\"support.request\",\"name\":\"a\",\"pageUrl\":\"%s\"}",
        "customerSignature", "{\"type\":\"support.request\",\"name\":\"a\",\"customerSignature\":\"%s\"}",
        "peerFingerprint", "{\"type\":\"support.request\",\"name\":\"a\",\"peerFingerprint\":\"%s\"}",
        "host", "{\"type\":\"support.request\",\"name\":\"a\",\"peer\":{\"host\":\"%s\",\"port\":5000}}"));
    assertEachRefusedNaming(hello("user"), "user", Map.of(
        "requestId", "{\"type\":\"support.cancel\",\"requestId\":\"%s\"}",
        "sessionId", "{\"type\":\"session.end\",\"sessionId\":\"%s\",\"reason\":\"x\"}",
        "reason", "{\"type\":\"session.end\",\"sessionId\":\"s-1\",\"reason\":\"%s\"}",
        "sessionId ", "{\"type\":\"session.link\",\"sessionId\":\"%s\",\"path\":\"relay\"}",
        "path", "{\"type\":\"session.link\",\"sessionId\":\"s-1\",\"path\":\"%s\"}"));
    assertEachRefusedNaming(hello("relay"), "relay.join", Map.of(
        "sessionId", "{\"type\":\"relay.join\",\"sessionId\":\"%s\",\"token\":\"t\"}",
        "token", "{\"type\":\"relay.join\",\"sessionId\":\"s-1\",\"token\":\"%s\"}"));

    LineClient client = hello("user");
    client.send("{\"type\":\"ping\",\"unknownField\":\"" + HUGE + "\"}"); // unknown fields are ignored
    assertThat(client.next()).isEqualTo(Pong.INSTANCE);
    client.send("{\"type\":\"" + HUGE + "\"}");
    assertThat(client.expectError(ErrorCode.UNKNOWN_TYPE).message()).hasSizeLessThan(1_000);
  }

  @Test
  void unknownTypesGetUnknownTypeAndFramesOnlyTheServerSendsGetWrongState() {
    LineClient client = hello("user");

    assertAllRefused(client, ErrorCode.UNKNOWN_TYPE,
        "{\"type\":\"teleport\"}", "{\"type\":\"HELLO\"}", "{\"type\":\"support.request \"}");
    assertAllRefused(client, ErrorCode.WRONG_STATE,
        "{\"type\":\"pong\"}", "{\"type\":\"welcome\",\"protocol\":1,\"connectionId\":\"c-1\",\"idleTimeoutMs\":1}",
        "{\"type\":\"relay.ready\",\"sessionId\":\"s-1\"}");
  }

  @Test
  void framesInTheWrongStateAreRefusedAndTheConnectionStays() {
    assertAllRefused(hello("agent"), ErrorCode.WRONG_STATE,
        "{\"type\":\"offer.accept\",\"requestId\":\"r-1\"}",
        "{\"type\":\"agent.status\",\"status\":\"available\"}",
        "{\"type\":\"support.request\",\"name\":\"a\"}",
        "{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}");
    assertAllRefused(hello("user"), ErrorCode.WRONG_STATE,
        "{\"type\":\"offer.accept\",\"requestId\":\"r-1\"}",
        "{\"type\":\"agent.login\",\"agentId\":\"ann\",\"secret\":\"x\"}",
        "{\"type\":\"relay.join\",\"sessionId\":\"s-1\",\"token\":\"t\"}");
    assertAllRefused(hello("user"), ErrorCode.UNKNOWN_REQUEST, "{\"type\":\"support.cancel\",\"requestId\":\"r-1\"}");
    assertAllRefused(hello("relay"), ErrorCode.WRONG_STATE, "{\"type\":\"chat.message\",\"seq\":1,\"ts\":1,\"text\":\"hi\"}");
  }

  @Test
  void relayJoinWithSomeoneElsesSessionOrTokenIsRefusedAndClosed() {
    OpenSession mine = track(OpenSession.start(server.tcpPort(), "ann"));
    OpenSession theirs = track(OpenSession.start(server.tcpPort(), "bob"));

    for (String[] join : List.of(new String[] {mine.sessionId, theirs.token}, new String[] {theirs.sessionId, mine.token},
        new String[] {"s-does-not-exist", mine.token})) {
      LineClient intruder = hello("relay");
      intruder.send("{\"type\":\"relay.join\",\"sessionId\":\"" + join[0] + "\",\"token\":\"" + join[1] + "\"}");
      intruder.expectError(ErrorCode.BAD_TOKEN);
      intruder.expectClosed();
    }
    LineClient rightful = hello("relay");
    rightful.send("{\"type\":\"relay.join\",\"sessionId\":\"" + mine.sessionId + "\",\"token\":\"" + mine.token + "\"}");
    rightful.expect(RelayJoined.class);
  }

  @Test
  void twoThousandConnectionsThatNeverSayHelloAreAllClosedByTheHelloTimeout() throws Exception {
    int connections = 2_000;
    int perAddress = LimitsConfig.defaults().maxConnectionsPerIp();
    long before = counter(Limit.HELLO_TIMEOUT);
    List<Socket> silent = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) {
        Socket socket = new Socket();
        silent.add(socket);
        socket.bind(new InetSocketAddress("127.0.1." + (1 + i / perAddress), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.tcpPort()));
      }

      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(counter(Limit.HELLO_TIMEOUT) - before).isEqualTo(connections));
      awaitNoConnections();
      assertThat(counter(Limit.CONNECTIONS_PER_IP)).isZero();
    } finally {
      for (Socket socket : silent) {
        socket.close();
      }
    }
  }

  // ---- helpers

  private <T extends AutoCloseable> T track(T closeable) {
    open.add(closeable);
    return closeable;
  }

  private LineClient connect(String from) {
    return track(new LineClient(server.tcpPort(), from));
  }

  private LineClient hello(String role) {
    LineClient client = connect(null);
    client.send("{\"type\":\"hello\",\"role\":\"" + role + "\",\"protocol\":1}").expect(Welcome.class);
    return client;
  }

  private static void assertPings(LineClient client) {
    client.send("{\"type\":\"ping\"}");
    assertThat(client.next()).isEqualTo(Pong.INSTANCE);
  }

  /** Each line gets one error with {@code code}, and the connection still answers ping. */
  private static void assertAllRefused(LineClient client, String code, String... lines) {
    for (String line : lines) {
      client.send(line);
      Frame answer = client.next();
      assertThat(answer).as(line).isInstanceOfSatisfying(ErrorFrame.class,
          e -> assertThat(e.code()).as(line).isEqualTo(code));
    }
    assertPings(client);
  }

  /** Each template, with a huge string in one field, gets bad_frame naming that field (keys may carry spaces to be unique). */
  private static void assertEachRefusedNaming(LineClient client, String frame, Map<String, String> templates) {
    templates.forEach((field, template) -> {
      client.send(template.formatted(HUGE));
      ErrorFrame error = client.expect(ErrorFrame.class);
      assertThat(error.code()).as(frame + "." + field).isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(error.message()).as(frame + "." + field).contains(field.trim()).hasSizeLessThan(1_000);
    });
    assertPings(client);
  }

  private static long counter(Limit limit) {
    return (Long) server.metrics().get(limit.metric());
  }

  private static void awaitNoConnections() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(server.metrics()).containsEntry("connections_open", 0).containsEntry("connections_admitted", 0));
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  // ---- leak detection

  /** The detector every ByteBuf is tracked by; its listener hears each leak it reports. */
  @SuppressWarnings("unchecked")
  private static ResourceLeakDetector<ByteBuf> byteBufLeakDetector() throws ReflectiveOperationException {
    Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
    field.setAccessible(true);
    return (ResourceLeakDetector<ByteBuf>) field.get(null);
  }

  /** Leaks are reported when a later buffer is tracked after the leaked one was collected. */
  private static void provokeLeakReports() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      for (int j = 0; j < 16; j++) {
        ByteBufAllocator.DEFAULT.buffer(64).release();
      }
    }
  }

  /**
   * A check that cannot fail proves nothing: the same listener, on a detector of our own whose
   * reports are not logged (a deliberate "LEAK:" line would trip whoever greps the build output),
   * must hear an object tracked at PARANOID and dropped; and the ByteBuf detector must hold it.
   */
  private static void proveTheLeakCheckSeesALeak() throws ReflectiveOperationException {
    ResourceLeakDetector<Object> probe = new ResourceLeakDetector<>(Object.class, 1) {
      @Override
      protected void reportTracedLeak(String resourceType, String records) {
        // heard by the listener; not logged
      }

      @Override
      protected void reportUntracedLeak(String resourceType) {
        // heard by the listener; not logged
      }
    };
    probe.setLeakListener((type, records) -> leaks.add(type));
    trackAndDrop(probe);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      System.gc();
      Object next = new Object();
      probe.track(next).close(next);
      assertThat(leaks).contains(Object.class.getSimpleName());
    });
    leaks.clear();
    Field listener = ResourceLeakDetector.class.getDeclaredField("leakListener");
    listener.setAccessible(true);
    assertThat(listener.get(byteBufLeakDetector())).as("the ByteBuf leak detector's listener").isNotNull();
  }

  private static void trackAndDrop(ResourceLeakDetector<Object> detector) {
    detector.track(new Object()); // never closed: a leak once collected
  }
}
