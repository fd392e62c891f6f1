package io.webassist.dispatch.net;

import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.webassist.dispatch.agents.AgentRegistry;
import io.webassist.dispatch.broker.BrokerSettings;
import io.webassist.dispatch.broker.SupportBroker;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import io.webassist.dispatch.metrics.Metrics;
import io.webassist.dispatch.relay.RelayHub;
import io.webassist.dispatch.routing.RoutingRules;
import io.webassist.dispatch.sessions.SessionRegistry;
import io.webassist.dispatch.testing.ManualScheduler;
import io.webassist.dispatch.testing.WrittenFrames;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.codec.NdjsonCodec;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Pong;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.Welcome;
import io.webassist.security.tls.TlsContexts;
import io.webassist.security.tls.TlsIdentity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TCP pipeline ({@link TcpInitializer}: codec, handshake, role handlers) on an
 * {@link EmbeddedChannel}, with the real domain behind it: wire lines in, wire lines out.
 */
class TcpPipelineTest {

  private static final long HELLO_TIMEOUT_MS = 5_000;
  private static final long IDLE_TIMEOUT_MS = 20_000;

  private final ServerConfig config = ServerConfig.defaults().withTls(TlsConfig.disabled())
      .withAgents(List.of(agent("ann", 1, "general")))
      .withLimits(ServerConfig.defaults().limits().withHelloTimeoutMs(HELLO_TIMEOUT_MS)
          .withIdleTimeoutMs(IDLE_TIMEOUT_MS).withMaxLineLength(1024));
  private final Metrics metrics = new Metrics();
  private final ManualScheduler clock = new ManualScheduler();
  private AgentAuthenticator authenticator;
  private ServerContext context;
  private EmbeddedChannel channel;

  @BeforeEach
  void openChannel() {
    AgentRegistry agents = new AgentRegistry(config.agents());
    SessionRegistry sessions = new SessionRegistry(clock::now);
    SupportBroker broker = new SupportBroker(agents, new RoutingRules(config.routing()), sessions, clock, metrics,
        BrokerSettings.from(config, link -> new Endpoint("relay.example", 7400)));
    authenticator = new AgentAuthenticator(agents, 1, 4);
    context = new ServerContext(config, broker, new RelayHub(sessions, clock, metrics, 0, s -> { }),
        authenticator, metrics, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
    channel = new EmbeddedChannel();
    channel.freezeTime();
    channel.pipeline().addLast(new TcpInitializer(context, null));
    channel.pipeline().fireChannelActive();
  }

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
    authenticator.close();
  }

  private void send(String line) {
    channel.writeInbound(Unpooled.copiedBuffer(line + "\n", StandardCharsets.UTF_8));
  }

  private List<Frame> received() {
    channel.runPendingTasks();
    return WrittenFrames.of(channel);
  }

  private ErrorFrame onlyError() {
    List<Frame> frames = received();
    channel.runPendingTasks(); // the close after the error
    assertThat(frames).singleElement().isInstanceOf(ErrorFrame.class);
    return (ErrorFrame) frames.get(0);
  }

  @Test
  void withTlsTheGateComesFirstThenTlsAndPlainTextIsClosedWithoutReachingTheTail() {
    SslContext tls = TlsContexts.server(TlsIdentity.selfSigned("localhost"));
    EmbeddedChannel secure = new EmbeddedChannel();
    secure.pipeline().addLast(new TcpInitializer(context, tls));
    secure.pipeline().fireChannelActive();

    assertThat(secure.pipeline().names()).startsWith(ConnectionGate.NAME, TlsContexts.STAGE, NdjsonCodec.FRAME_ENCODER);
    // an exception reaching the tail would be rethrown here: the last stage must have taken the SslHandler's
    secure.writeInbound(Unpooled.copiedBuffer("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}\n",
        StandardCharsets.UTF_8));
    secure.runPendingTasks();

    assertThat(secure.isOpen()).isFalse();
    assertThat(secure.<Object>readInbound()).isNull();
    secure.finishAndReleaseAll();
  }

  @Test
  void helloIsAnsweredWithWelcomeNamingTheConnectionAndTheIdleTimeout() {
    send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1,\"client\":\"nc\"}");

    Welcome welcome = (Welcome) received().get(0);
    assertThat(welcome.protocol()).isEqualTo(1);
    assertThat(welcome.connectionId()).startsWith("c-");
    assertThat(welcome.idleTimeoutMs()).isEqualTo(IDLE_TIMEOUT_MS);
    assertThat(Connection.of(channel).role()).isEqualTo(io.webassist.protocol.frame.Role.USER);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void whatIsAnsweredInAReadBatchIsFlushedOnceAtItsEndInOrder() {
    channel.pipeline().fireChannelRead(Unpooled.copiedBuffer(
        "{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}\n{\"type\":\"ping\"}\n", StandardCharsets.UTF_8));
    channel.pipeline().fireChannelRead(Unpooled.copiedBuffer("{\"type\":\"ping\"}\n", StandardCharsets.UTF_8));
    assertThat(channel.<Object>readOutbound()).as("nothing flushed before the batch ends").isNull();

    channel.pipeline().fireChannelReadComplete();

    assertThat(received()).satisfiesExactly(
        welcome -> assertThat(welcome).isInstanceOf(Welcome.class),
        pong -> assertThat(pong).isEqualTo(Pong.INSTANCE),
        pong -> assertThat(pong).isEqualTo(Pong.INSTANCE));
  }

  @Test
  void firstFrameOtherThanHelloIsRefusedAndTheConnectionClosed() {
    send("{\"type\":\"support.cancel\",\"requestId\":\"r-1\"}");

    assertThat(onlyError().code()).isEqualTo(ErrorCode.HELLO_REQUIRED);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void silentConnectionIsClosedWhenTheHelloTimeoutRunsOut() {
    channel.advanceTimeBy(HELLO_TIMEOUT_MS - 1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isTrue();

    channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();

    assertThat(onlyError().code()).isEqualTo(ErrorCode.HELLO_TIMEOUT);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void helloInTimeCancelsTheHelloTimeout() {
    send("{\"type\":\"hello\",\"role\":\"agent\",\"protocol\":1}");
    received();

    channel.advanceTimeBy(HELLO_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();

    assertThat(received()).isEmpty();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void connectionIdleForTheIdleTimeoutIsClosed() {
    send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}");
    received();

    channel.advanceTimeBy(IDLE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();

    assertThat(onlyError().code()).isEqualTo(ErrorCode.IDLE_TIMEOUT);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void pingIsAnsweredBeforeAndAfterHello() {
    send("{\"type\":\"ping\"}");
    assertThat(received()).containsExactly(Pong.INSTANCE);
    send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}");
    received();

    send("{\"type\":\"ping\"}");

    assertThat(received()).containsExactly(Pong.INSTANCE);
  }

  @Test
  void wrongProtocolVersionIsRefusedAndClosed() {
    send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":7}");

    assertThat(onlyError().code()).isEqualTo(ErrorCode.UNSUPPORTED_PROTOCOL);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void peerRoleIsNotServedByTheDispatchServer() {
    send("{\"type\":\"hello\",\"role\":\"peer\",\"protocol\":1}");

    assertThat(onlyError().code()).isEqualTo(ErrorCode.WRONG_STATE);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void secondHelloIsWrongStateAndTheConnectionStays() {
    send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}");
    received();

    send("{\"type\":\"hello\",\"role\":\"agent\",\"protocol\":1}");

    assertThat(onlyError().code()).isEqualTo(ErrorCode.WRONG_STATE);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void agentFramesBeforeLoginAreWrongState() {
    send("{\"type\":\"hello\",\"role\":\"agent\",\"protocol\":1}");
    received();

    send("{\"type\":\"offer.accept\",\"requestId\":\"r-1\"}");
    assertThat(onlyError().code()).isEqualTo(ErrorCode.WRONG_STATE);
    send("{\"type\":\"agent.status\",\"status\":\"available\"}");
    assertThat(onlyError().code()).isEqualTo(ErrorCode.WRONG_STATE);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void userRequestIsQueuedWithItsPosition() {
    send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}");
    received();

    send("{\"type\":\"support.request\",\"name\":\"Maria\",\"customerId\":\"C-1\",\"pageUrl\":\"https://shop.example/\"}");

    assertThat(received()).singleElement().isInstanceOfSatisfying(SupportQueued.class,
        q -> assertThat(q.position()).isEqualTo(1));
  }

  @Test
  void relayConnectionMustJoinBeforeAnythingElse() {
    send("{\"type\":\"hello\",\"role\":\"relay\",\"protocol\":1}");
    received();

    send("{\"type\":\"chat.message\",\"seq\":1,\"ts\":1,\"text\":\"hi\"}");

    assertThat(onlyError().code()).isEqualTo(ErrorCode.WRONG_STATE);
  }

  @Test
  void lineOverTheLimitIsFrameTooLargeAndCloses() {
    send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}");
    received();

    send("{\"type\":\"chat.message\",\"text\":\"" + "x".repeat(2_000) + "\"}");

    assertThat(onlyError().code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
    assertThat(channel.isOpen()).isFalse();
  }
}
