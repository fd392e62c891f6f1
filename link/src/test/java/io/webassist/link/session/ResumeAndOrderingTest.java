package io.webassist.link.session;

import static io.webassist.link.session.LinkTestSupport.fast;
import static io.webassist.link.session.LinkTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.link.LinkRuntime;
import io.webassist.link.testing.LineClient;
import io.webassist.link.testing.Recorder;
import io.webassist.link.testing.Sessions;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.CobrowsePointer;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.PeerHello;
import io.webassist.protocol.frame.PeerWelcome;
import io.webassist.protocol.frame.SessionResume;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import io.webassist.link.testing.TestTls;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A hand-driven agent sends frames out of order and twice, and drops the link, to check the user side's resume. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestTls.class)
class ResumeAndOrderingTest {
  @Parameter
  TestTls mode;

  private LinkRuntime runtime;
  private PeerListener listener;
  private CompletableFuture<SessionLink> user;
  private final Sessions session = Sessions.fresh();
  private final Recorder userEvents = new Recorder();

  @BeforeEach
  void start() {
    runtime = LinkRuntime.create();
    SessionLinks links = new SessionLinks(runtime, fast(mode).toBuilder().directTimeout(Duration.ofSeconds(8))
        .pingInterval(Duration.ofMillis(200)).idleTimeout(Duration.ofMillis(900)).build());
    listener = await(links.openPeerListener("127.0.0.1"));
    user = links.acceptAsUser(listener, session.assigned(null), userEvents);
  }

  @AfterEach
  void stop() {
    runtime.close();
  }

  /** Dials like an agent; returns after the user's session.resume, which carries the user's lastSeq. */
  private LineClient agentConnects(long expectedUserLastSeq, long agentLastSeq) {
    LineClient agent = new LineClient(listener.endpoint(), listener.fingerprint());
    agent.send(new PeerHello(session.sessionId(), session.token()));
    assertThat(agent.read()).isEqualTo(new PeerWelcome(session.sessionId()));
    assertThat(agent.read()).isEqualTo(new SessionResume(session.sessionId(), expectedUserLastSeq));
    agent.send(new SessionResume(session.sessionId(), agentLastSeq));
    return agent;
  }

  @Test
  void outOfOrderAndDuplicateEventsAreDeliveredOnlyWhenNewer() {
    try (LineClient agent = agentConnects(0, 0)) {
      for (long seq : new long[] {1, 3, 2, 3, 1, 4}) {
        agent.send(new ChatMessage(seq, seq, "m" + seq));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> userEvents.events.size() == 3);
      agent.send(new ChatMessage(5, 5, "m5"));
      await().atMost(Duration.ofSeconds(5)).until(() -> userEvents.events.size() == 4);
    }
    assertThat(userEvents.chatTexts()).containsExactly("m1", "m3", "m4", "m5");
    assertThat(await(user).lastReceivedSeq()).isEqualTo(5);
  }

  @Test
  void afterADropTheUserResendsExactlyWhatTheAgentHadNotSeenAndSkipsWhatItAlreadyHas() {
    SessionLink userLink;
    try (LineClient agent = agentConnects(0, 0)) {
      userLink = await(user);
      agent.send(new ChatMessage(1, 1, "agent 1"));
      userLink.send(new ChatMessage("a"));
      userLink.send(new CobrowsePointer(1, 1)); // transient: not resent
      userLink.send(new ChatMessage("b"));
      userLink.send(new ChatMessage("c"));
      assertThat(((ChatMessage) agent.read()).text()).isEqualTo("a");
      await().atMost(Duration.ofSeconds(5)).until(() -> userEvents.events.size() == 1);
    } // the agent saw only "a" (seq 1) when the link dropped
    await().atMost(Duration.ofSeconds(5)).until(() -> userLink.state() == LinkState.RECOVERING);
    await().atMost(Duration.ofSeconds(5)).until(listener::isListening);

    try (LineClient agent = agentConnects(1, 1)) {
      Frame first = agent.read();
      Frame second = agent.read();
      assertThat(first).isInstanceOfSatisfying(ChatMessage.class, m -> {
        assertThat(m.text()).isEqualTo("b");
        assertThat(m.seq()).isEqualTo(3);
      });
      assertThat(second).isInstanceOfSatisfying(ChatMessage.class, m -> assertThat(m.text()).isEqualTo("c"));
      agent.send(new ChatMessage(1, 1, "agent 1")); // resent by a careless agent: dropped
      agent.send(new ChatMessage(2, 2, "agent 2"));
      await().atMost(Duration.ofSeconds(5)).until(() -> userEvents.events.size() == 2);
      assertThat(userLink.state()).isEqualTo(LinkState.UP);
    }
    assertThat(userEvents.chatTexts()).containsExactly("agent 1", "agent 2");
  }

  @Test
  void aPeerThatFallsSilentIsDetectedByTheIdleTimeoutAndRecoveryStarts() {
    try (LineClient agent = agentConnects(0, 0)) {
      SessionLink userLink = await(user);
      // the hand-driven agent never reads again, so the user's pings go unanswered
      await().atMost(Duration.ofSeconds(5)).until(() -> userLink.state() == LinkState.RECOVERING);
      assertThat(userEvents.states).containsExactly(LinkState.UP, LinkState.RECOVERING);
      await().atMost(Duration.ofSeconds(5)).until(listener::isListening);
    }
  }
}
