package io.webassist.link.session;

import static io.webassist.link.session.LinkTestSupport.await;
import static io.webassist.link.session.LinkTestSupport.fast;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.link.testing.LineClient;
import io.webassist.link.testing.Recorder;
import io.webassist.link.testing.RelayStub;
import io.webassist.link.testing.Sessions;
import io.webassist.link.testing.TestTls;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.security.pin.Fingerprints;
import io.webassist.security.tls.TlsIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The direct link in TLS mode (issue 6): the user's listener has a fresh certificate per session,
 * the agent pins the fingerprint {@code session.start} carries, and anything short of that match
 * means no direct link: the two meet on the relay (itself pinned to the dispatch server) instead.
 */
class PeerPinningTest {
  private LinkRuntime runtime;
  private SessionLinks links;
  private RelayStub relay;
  private final Sessions session = Sessions.fresh();
  private final Recorder userEvents = new Recorder();
  private final Recorder agentEvents = new Recorder();

  @BeforeEach
  void start() {
    runtime = LinkRuntime.create();
    links = new SessionLinks(runtime, fast(TestTls.TLS));
    relay = new RelayStub(TestTls.TLS.serverContext());
    relay.register(session.sessionId(), session.token());
  }

  @AfterEach
  void stop() {
    runtime.close();
    relay.close();
  }

  @Test
  void everyPeerListenerHasItsOwnFreshCertificate() {
    PeerListener first = await(links.openPeerListener("127.0.0.1"));
    PeerListener second = await(links.openPeerListener("127.0.0.1"));

    assertThat(Fingerprints.isValid(first.fingerprint())).isTrue();
    assertThat(first.fingerprint()).isNotEqualTo(second.fingerprint())
        .isNotEqualTo(TestTls.SERVER.fingerprint());
    first.close();
    second.close();
  }

  @Test
  void anInsecurePeerListenerHasNoFingerprint() {
    PeerListener plain = await(new SessionLinks(runtime, fast(TestTls.INSECURE)).openPeerListener("127.0.0.1"));

    assertThat(plain.fingerprint()).isNull();
    plain.close();
  }

  @Test
  void withTheRightFingerprintTheDirectLinkIsTls13AndChatCrossesIt() {
    PeerListener listener = await(links.openPeerListener("127.0.0.1"));
    try (LineClient probe = new LineClient(listener.endpoint(), listener.fingerprint())) {
      // a pinned handshake succeeds against the listener itself (the stranger is then refused for want of a hello)
      assertThat(((javax.net.ssl.SSLSocket) socketOf(probe)).getSession().getProtocol()).isEqualTo("TLSv1.3");
    }
    var user = links.acceptAsUser(listener, session.assigned(relay.endpoint()), userEvents);
    var agent = links.connectAsAgent(
        session.start("127.0.0.1", listener.endpoint(), relay.endpoint(), listener.fingerprint()), agentEvents);

    assertThat(await(agent).path()).isEqualTo(LinkPath.DIRECT);
    await(agent).send(new ChatMessage("encrypted"));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> userEvents.chatTexts().contains("encrypted"));
    assertThat(await(user).path()).isEqualTo(LinkPath.DIRECT);
    assertThat(relay.pairings()).isZero();
  }

  @Test
  void aListenerWhoseCertificateIsNotThePinnedOneIsRefusedAndBothMeetOnTheRelay() {
    PeerListener listener = await(links.openPeerListener("127.0.0.1"));
    String impostor = TlsIdentity.ephemeral().fingerprint(); // what a tampered session.start would carry
    var user = links.acceptAsUser(listener, session.assigned(relay.endpoint()), userEvents);
    var agent = links.connectAsAgent(
        session.start("127.0.0.1", listener.endpoint(), relay.endpoint(), impostor), agentEvents);

    assertThat(await(agent).path()).isEqualTo(LinkPath.RELAY);
    assertThat(await(user).path()).isEqualTo(LinkPath.RELAY);
    assertThat(relay.pairings()).isEqualTo(1);
    await(agent).send(new ChatMessage("over the relay instead"));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> userEvents.chatTexts().contains("over the relay instead"));
  }

  @Test
  void inTlsModeASessionStartWithoutPeerFingerprintNeverDialsTheUserAndUsesTheRelay() throws IOException {
    try (ServerSocket userPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      AtomicBoolean dialled = watchForConnections(userPort);
      var peer = new io.webassist.protocol.frame.Endpoint("127.0.0.1", userPort.getLocalPort());
      assertThat(AgentEstablisher.forSession(runtime, fast(TestTls.TLS),
          session.start("127.0.0.1", peer, relay.endpoint(), null)).dialsDirect()).isFalse();
      assertThat(AgentEstablisher.forSession(runtime, fast(TestTls.TLS),
          session.start("127.0.0.1", peer, relay.endpoint(), "not-a-fingerprint")).dialsDirect()).isFalse();

      var user = links.acceptAsUser(null, session.assigned(relay.endpoint()), userEvents);
      var agent = links.connectAsAgent(session.start("127.0.0.1", peer, relay.endpoint(), null), agentEvents);

      assertThat(await(agent).path()).isEqualTo(LinkPath.RELAY);
      assertThat(await(user).path()).isEqualTo(LinkPath.RELAY);
      assertThat(dialled).as("the agent dialled the user's unauthenticated endpoint").isFalse();
    }
  }

  @Test
  void inInsecureModeTheAgentDialsWithoutAFingerprint() {
    LinkOptions plain = fast(TestTls.INSECURE);
    var peer = new io.webassist.protocol.frame.Endpoint("127.0.0.1", 1);
    assertThat(AgentEstablisher.forSession(runtime, plain, session.start("127.0.0.1", peer, null, null)).dialsDirect())
        .isTrue();
  }

  @Test
  void aPlainTextClientOnATlsListenerGetsNoFrameAndIsClosed() {
    PeerListener listener = await(links.openPeerListener("127.0.0.1"));
    var user = links.acceptAsUser(listener, session.assigned(null), userEvents);
    try (LineClient plain = new LineClient(listener.endpoint())) {
      plain.sendLine("{\"type\":\"peer.hello\",\"sessionId\":\"" + session.sessionId() + "\",\"token\":\""
          + session.token() + "\"}");
      assertThat(plain.closedByPeer(Duration.ofSeconds(5))).isTrue();
    }
    assertThat(user).isNotDone();
  }

  @Test
  void theRelayIsPinnedToTheDispatchServerToo() {
    var options = fast(TestTls.TLS).toBuilder()
        .security(TransportSecurity.pinned(TlsIdentity.selfSigned("localhost").fingerprint())).build();
    CompletableFuture<Object> join = new CompletableFuture<>();
    runtime.execute(() -> RelayJoiner.join(runtime, options, relay.endpoint(), session.sessionId(), session.token(),
        Duration.ofSeconds(3)).whenComplete((ch, failure) -> {
          if (failure != null) {
            join.completeExceptionally(failure);
          } else {
            join.complete(ch);
          }
        }));

    assertThat(join).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(io.webassist.link.LinkException.class,
            e -> assertThat(e.code()).isEqualTo(io.webassist.link.LinkException.TLS_FAILED));
  }

  private static java.net.Socket socketOf(LineClient client) {
    return client.socket();
  }

  /** Accepts on {@code port} in the background and notes whether anybody connected. */
  private static AtomicBoolean watchForConnections(ServerSocket port) throws IOException {
    AtomicBoolean connected = new AtomicBoolean();
    port.setSoTimeout(100);
    Thread watcher = new Thread(() -> {
      while (!port.isClosed()) {
        try (var ignored = port.accept()) {
          connected.set(true);
        } catch (SocketTimeoutException e) {
          // keep watching
        } catch (IOException e) {
          return;
        }
      }
    }, "dial-watcher");
    watcher.setDaemon(true);
    watcher.start();
    return connected;
  }
}
