package io.webassist.link.session;

import static io.webassist.link.session.LinkTestSupport.fast;
import static io.webassist.link.session.LinkTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.link.LinkRuntime;
import io.webassist.link.dispatch.DispatchConnection;
import io.webassist.link.testing.DispatchStub;
import io.webassist.link.testing.Recorder;
import io.webassist.link.testing.RelayStub;
import io.webassist.link.testing.Sessions;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionLinkReport;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import io.webassist.link.testing.TestTls;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A dropped link is re-established and nothing is lost or doubled; a link that cannot come back is reported lost. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestTls.class)
class LinkRecoveryTest {
  @Parameter
  TestTls mode;

  private static final int MESSAGES = 300;

  private LinkRuntime runtime;
  private RelayStub relay;
  private final Sessions session = Sessions.fresh();
  private final Recorder userEvents = new Recorder();
  private final Recorder agentEvents = new Recorder();

  @BeforeEach
  void start() {
    runtime = LinkRuntime.create();
    relay = new RelayStub(mode.serverContext());
    relay.register(session.sessionId(), session.token());
  }

  @AfterEach
  void stop() {
    runtime.close();
    relay.close();
  }

  private static List<String> numbered(String who) {
    return IntStream.rangeClosed(1, MESSAGES).mapToObj(i -> who + " " + i).toList();
  }

  /** Both sides send a burst; the connection is cut a third of the way through. */
  private void chatThroughACut(SessionLink user, SessionLink agent, Runnable cut) {
    List<String> fromAgent = numbered("agent");
    List<String> fromUser = numbered("user");
    for (int i = 0; i < MESSAGES; i++) {
      agent.send(new ChatMessage(fromAgent.get(i)));
      user.send(new ChatMessage(fromUser.get(i)));
      if (i == MESSAGES / 3) {
        cut.run();
      }
    }
    await().atMost(Duration.ofSeconds(20)).until(() ->
        userEvents.chatTexts().size() >= MESSAGES && agentEvents.chatTexts().size() >= MESSAGES);
    assertThat(userEvents.chatTexts()).containsExactlyElementsOf(fromAgent);
    assertThat(agentEvents.chatTexts()).containsExactlyElementsOf(fromUser);
  }

  @Test
  void directLinkCutMidConversationComesBackAndEveryChatMessageArrivesOnceInOrder() {
    SessionLinks links = new SessionLinks(runtime, fast(mode));
    PeerListener listener = await(links.openPeerListener("127.0.0.1"));
    var userFuture = links.acceptAsUser(listener, session.assigned(relay.endpoint()), userEvents);
    SessionLink agent = await(links.connectAsAgent(
        session.start("127.0.0.1", listener.endpoint(), relay.endpoint(), listener.fingerprint()), agentEvents));
    SessionLink user = await(userFuture);

    chatThroughACut(user, agent, agent::cutConnection);

    assertThat(agentEvents.states).containsSubsequence(LinkState.UP, LinkState.RECOVERING, LinkState.UP);
    assertThat(userEvents.states).containsSubsequence(LinkState.UP, LinkState.RECOVERING, LinkState.UP);
    assertThat(user.state()).isEqualTo(LinkState.UP);
  }

  @Test
  void relayDropRecoversOverTheRelayAndEveryChatMessageArrivesOnceInOrder() {
    SessionLinks links = new SessionLinks(runtime, fast(mode));
    var userFuture = links.acceptAsUser(null, session.assigned(relay.endpoint()), userEvents);
    SessionLink agent = await(links.connectAsAgent(session.start("127.0.0.1", null, relay.endpoint()), agentEvents));
    SessionLink user = await(userFuture);

    chatThroughACut(user, agent, relay::dropAll);

    assertThat(relay.pairings()).isGreaterThanOrEqualTo(2);
    assertThat(agent.path()).isEqualTo(LinkPath.RELAY);
  }

  @Test
  void onlyOneSideLosingItsRelayConnectionIsRecoveredAfterPartnerLeft() {
    SessionLinks links = new SessionLinks(runtime, fast(mode));
    var userFuture = links.acceptAsUser(null, session.assigned(relay.endpoint()), userEvents);
    SessionLink agent = await(links.connectAsAgent(session.start("127.0.0.1", null, relay.endpoint()), agentEvents));
    SessionLink user = await(userFuture);

    chatThroughACut(user, agent, user::cutConnection);

    assertThat(agentEvents.states).containsSubsequence(LinkState.UP, LinkState.RECOVERING, LinkState.UP);
  }

  @Test
  void linkThatCannotComeBackIsReportedLostToBothAppsAndTheDispatchServer() {
    SessionLinks links = new SessionLinks(runtime, fast(mode).toBuilder().recoveryTimeout(Duration.ofMillis(1500)).build());
    try (DispatchStub dispatch = new DispatchStub(30_000, mode.serverContext())) {
      DispatchConnection agentDispatch = await(DispatchConnection.builder(runtime, "127.0.0.1", dispatch.port(),
          Role.AGENT).security(mode.security()).connect());
      var userFuture = links.acceptAsUser(null, session.assigned(relay.endpoint()), userEvents);
      SessionLink agent = await(links.connectAsAgent(session.start("127.0.0.1", null, relay.endpoint()),
          SessionLink.Listener.all(agentEvents, new DispatchReporter(agentDispatch))));
      SessionLink user = await(userFuture);

      relay.end(session.sessionId()); // the relay now refuses every re-join: session_ended

      await().atMost(Duration.ofSeconds(10)).until(() ->
          agent.state() == LinkState.LOST && user.state() == LinkState.LOST);
      await().atMost(Duration.ofSeconds(5)).until(() -> dispatch.receivedOf(SessionEnd.class).size() == 1);
      assertThat(dispatch.receivedOf(SessionLinkReport.class))
          .containsExactly(new SessionLinkReport(session.sessionId(), LinkPath.RELAY));
      assertThat(dispatch.receivedOf(SessionEnd.class).get(0).reason()).isEqualTo(DispatchReporter.LINK_LOST);
      assertThat(dispatch.receivedOf(SessionEnd.class).get(0).sessionId()).isEqualTo(session.sessionId());
      assertThat(agentEvents.states).containsExactly(LinkState.UP, LinkState.RECOVERING, LinkState.LOST);
      agentDispatch.close();
    }
  }
}
