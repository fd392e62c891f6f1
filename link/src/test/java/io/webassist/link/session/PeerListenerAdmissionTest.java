package io.webassist.link.session;

import static io.webassist.link.session.LinkTestSupport.fast;
import static io.webassist.link.session.LinkTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.link.LinkRuntime;
import io.webassist.link.testing.LineClient;
import io.webassist.link.testing.Recorder;
import io.webassist.link.testing.Sessions;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.PeerHello;
import io.webassist.protocol.frame.PeerWelcome;
import io.webassist.protocol.frame.Ping;
import io.webassist.protocol.frame.SessionResume;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import io.webassist.link.testing.TestTls;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Strangers on the user's peer listener: nobody but the agent with the session's token gets in. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestTls.class)
class PeerListenerAdmissionTest {
  @Parameter
  TestTls mode;

  private LinkRuntime runtime;
  private PeerListener listener;
  private CompletableFuture<SessionLink> user;
  private final Sessions session = Sessions.fresh();

  @BeforeEach
  void start() {
    runtime = LinkRuntime.create();
    var options = fast(mode).toBuilder().handshakeTimeout(Duration.ofMillis(400)).directTimeout(Duration.ofSeconds(8)).build();
    SessionLinks links = new SessionLinks(runtime, options);
    listener = await(links.openPeerListener("127.0.0.1"));
    user = links.acceptAsUser(listener, session.assigned(null), new Recorder());
  }

  @AfterEach
  void stop() {
    runtime.close();
  }

  /** A hand-driven peer; in TLS mode it trusts the listener's certificate, as the real agent does. */
  private LineClient connect() {
    return new LineClient(listener.endpoint(), listener.fingerprint());
  }

  private static void assertRefused(LineClient stranger, String code) {
    Frame answer = stranger.read();
    assertThat(answer).isInstanceOfSatisfying(ErrorFrame.class, e -> assertThat(e.code()).isEqualTo(code));
    assertThat(stranger.closedByPeer(Duration.ofSeconds(3))).isTrue();
  }

  /** The real agent, by hand: hello, welcome, then the user's session.resume. */
  private void realAgentGetsIn() {
    try (LineClient agent = connect()) {
      agent.send(new PeerHello(session.sessionId(), session.token()));
      assertThat(agent.read()).isEqualTo(new PeerWelcome(session.sessionId()));
      assertThat(agent.read()).isEqualTo(new SessionResume(session.sessionId(), 0));
      agent.send(new SessionResume(session.sessionId(), 0));
      assertThat(await(user).path()).isNotNull();
    }
  }

  @Test
  void wrongTokenIsRefusedWithBadTokenAndTheRealAgentStillGetsIn() {
    try (LineClient stranger = connect()) {
      stranger.send(new PeerHello(session.sessionId(), "guessed-token"));
      assertRefused(stranger, ErrorCode.BAD_TOKEN);
    }
    assertThat(user).isNotDone();
    realAgentGetsIn();
  }

  @Test
  void rightTokenForAnotherSessionIsRefused() {
    try (LineClient stranger = connect()) {
      stranger.send(new PeerHello("s-other", session.token()));
      assertRefused(stranger, ErrorCode.BAD_TOKEN);
    }
    realAgentGetsIn();
  }

  @Test
  void garbageFirstLineIsRefusedAndClosed() {
    try (LineClient stranger = connect()) {
      stranger.sendLine("GET / HTTP/1.1");
      Frame first = stranger.read();
      // the codec answers bad_frame for the line itself, the listener then refuses the connection
      assertThat(first).isInstanceOfSatisfying(ErrorFrame.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
      assertRefused(stranger, ErrorCode.BAD_TOKEN);
    }
    realAgentGetsIn();
  }

  @Test
  void anyFrameOtherThanPeerHelloFirstIsRefused() {
    try (LineClient stranger = connect()) {
      stranger.send(Ping.INSTANCE); // answered by keep-alive, not a hello
      stranger.send(new SessionResume(session.sessionId(), 0));
      assertRefused(stranger, ErrorCode.BAD_TOKEN);
    }
    realAgentGetsIn();
  }

  @Test
  void noHelloWithinTheHandshakeTimeIsRefusedAndClosed() {
    try (LineClient silent = connect()) {
      assertRefused(silent, ErrorCode.HELLO_TIMEOUT);
    }
    realAgentGetsIn();
  }

  @Test
  void replayedTokenAfterTheAgentIsInIsNotAccepted() {
    LineClient agent = connect();
    agent.send(new PeerHello(session.sessionId(), session.token()));
    assertThat(agent.read()).isEqualTo(new PeerWelcome(session.sessionId()));
    agent.send(new SessionResume(session.sessionId(), 0));
    assertThat(await(user).state()).isEqualTo(LinkState.UP);
    assertThat(listener.isListening()).isFalse();

    boolean refused;
    try (LineClient replay = connect()) {
      replay.send(new PeerHello(session.sessionId(), session.token()));
      Frame answer = replay.read();
      refused = answer == null || (answer instanceof ErrorFrame e && e.code().equals(ErrorCode.BAD_TOKEN));
    } catch (UncheckedIOException connectionRefused) {
      refused = true; // the listening socket is closed: nobody to replay to
    }
    assertThat(refused).isTrue();
    agent.close();
  }
}
