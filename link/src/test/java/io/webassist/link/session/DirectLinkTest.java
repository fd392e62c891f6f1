package io.webassist.link.session;

import static io.webassist.link.session.LinkTestSupport.fast;
import static io.webassist.link.session.LinkTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.link.LinkRuntime;
import io.webassist.link.testing.Recorder;
import io.webassist.link.testing.Sessions;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.CobrowseScroll;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.SessionEnd;
import java.time.Duration;
import java.util.List;
import io.webassist.link.testing.TestTls;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent dials the user's IP (claims 88, 91, 96, 102, 107) and the two exchange events over TCP. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestTls.class)
class DirectLinkTest {
  @Parameter
  TestTls mode;

  private LinkRuntime runtime;
  private SessionLinks links;
  private final Sessions session = Sessions.fresh();
  private final Recorder userEvents = new Recorder();
  private final Recorder agentEvents = new Recorder();

  @BeforeEach
  void start() {
    runtime = LinkRuntime.create();
    links = new SessionLinks(runtime, fast(mode));
  }

  @AfterEach
  void stop() {
    runtime.close();
  }

  private SessionLink[] link(String seenIp, Endpoint reportedPeer, PeerListener listener) {
    var user = links.acceptAsUser(listener, session.assigned(null), userEvents);
    var agent = links.connectAsAgent(session.start(seenIp, reportedPeer, null, listener.fingerprint()), agentEvents);
    return new SessionLink[] {await(user), await(agent)};
  }

  @Test
  void agentDialsTheUsersSeenIpAndReportedPortAndBothGetADirectLink() {
    PeerListener listener = await(links.openPeerListener("127.0.0.1"));

    SessionLink[] both = link("127.0.0.1", listener.endpoint(), listener);

    assertThat(both[0].path()).isEqualTo(LinkPath.DIRECT);
    assertThat(both[1].path()).isEqualTo(LinkPath.DIRECT);
    assertThat(both[0].state()).isEqualTo(LinkState.UP);
    assertThat(both[1].side().wireName()).isEqualTo("agent");
    await().atMost(Duration.ofSeconds(5)).until(() -> !listener.isListening());
  }

  @Test
  void agentTriesTheReportedHostWhenTheSeenIpDoesNotAnswer() {
    PeerListener listener = await(links.openPeerListener("127.0.0.1"));

    // 127.0.0.2 is loopback too, but nothing listens there: the dial is refused, then the reported host works
    SessionLink[] both = link("127.0.0.2", listener.endpoint(), listener);

    assertThat(both[1].path()).isEqualTo(LinkPath.DIRECT);
    assertThat(PeerDialer.candidates(session.start("127.0.0.2", listener.endpoint(), null)))
        .containsExactly(new Endpoint("127.0.0.2", listener.endpoint().port()), listener.endpoint());
  }

  @Test
  void eventsAreStampedWithIncreasingSeqAndTimeAndDeliveredOnTheLinkThread() {
    PeerListener listener = await(links.openPeerListener("127.0.0.1"));
    SessionLink[] both = link("127.0.0.1", listener.endpoint(), listener);
    long before = System.currentTimeMillis();

    both[1].send(new ChatMessage("Hello, I am Bob"));
    both[1].send(new CobrowseScroll(0, 300));
    both[1].send(new ChatMessage("How can I help?"));
    both[0].send(new ChatMessage("Hi Bob"));

    await().atMost(Duration.ofSeconds(5)).until(() -> userEvents.events.size() == 3 && agentEvents.events.size() == 1);
    assertThat(userEvents.events).extracting(e -> e.seq()).containsExactly(1L, 2L, 3L);
    assertThat(userEvents.events).allSatisfy(e -> assertThat(e.ts()).isGreaterThanOrEqualTo(before));
    assertThat(userEvents.chatTexts()).containsExactly("Hello, I am Bob", "How can I help?");
    assertThat(agentEvents.chatTexts()).containsExactly("Hi Bob");
    assertThat(userEvents.callbackThreads).allSatisfy(t -> assertThat(t.getName()).startsWith("webassist-link-"));
  }

  @Test
  void endFromOneSideEndsBothWithTheReason() {
    PeerListener listener = await(links.openPeerListener("127.0.0.1"));
    SessionLink[] both = link("127.0.0.1", listener.endpoint(), listener);

    both[1].end("resolved");

    await().atMost(Duration.ofSeconds(5)).until(() -> both[0].state() == LinkState.ENDED);
    assertThat(both[1].state()).isEqualTo(LinkState.ENDED);
    assertThat(userEvents.events).last().isInstanceOfSatisfying(SessionEnd.class,
        end -> assertThat(end.reason()).isEqualTo("resolved"));
    assertThat(userEvents.states).containsExactly(LinkState.UP, LinkState.ENDED);
  }

  @Test
  void anAgentThatDialsBeforeTheUserKnowsTheCredentialsIsHeldThenAdmitted() {
    PeerListener listener = await(links.openPeerListener("127.0.0.1"));
    var agent = links.connectAsAgent(
        session.start("127.0.0.1", listener.endpoint(), null, listener.fingerprint()), agentEvents);
    await().atMost(Duration.ofSeconds(5))
        .until(() -> LinkTestSupport.onLinkThread(runtime, listener::heldHellos) == 1);

    var user = links.acceptAsUser(listener, session.assigned(null), userEvents);

    assertThat(await(user).path()).isEqualTo(LinkPath.DIRECT);
    assertThat(await(agent).state()).isEqualTo(LinkState.UP);
  }

  @Test
  void withoutADirectLinkOrRelayTheLinkFailsAfterItsTime() {
    var options = fast(mode).toBuilder().establishTimeout(Duration.ofMillis(700)).build();
    var agent = new SessionLinks(runtime, options)
        .connectAsAgent(session.start("127.0.0.1", LinkTestSupport.deadEndpoint(), null,
            TestTls.SERVER.fingerprint()), agentEvents);

    assertThat(agent).failsWithin(Duration.ofSeconds(5));
    assertThat(agentEvents.states).containsExactly(LinkState.LOST);
    assertThat(List.copyOf(agentEvents.events)).isEmpty();
  }
}
