package io.webassist.link.session;

import static io.webassist.link.session.LinkTestSupport.fast;
import static io.webassist.link.session.LinkTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.link.LinkException;
import io.webassist.link.LinkRuntime;
import io.webassist.link.testing.LineClient;
import io.webassist.link.testing.Recorder;
import io.webassist.link.testing.RelayStub;
import io.webassist.link.testing.Sessions;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Hello;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.RelayJoin;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.Welcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import io.webassist.link.testing.TestTls;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the agent cannot reach the user (NAT, firewall, closed port), both meet on the relay.
 * The relay here is {@link RelayStub}, which follows the dispatch server's relay contract; the
 * end-to-end tests against the real dispatch server live in the e2e module.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestTls.class)
class RelayFallbackTest {
  @Parameter
  TestTls mode;

  private LinkRuntime runtime;
  private SessionLinks links;
  private RelayStub relay;
  private final Sessions session = Sessions.fresh();
  private final Recorder userEvents = new Recorder();
  private final Recorder agentEvents = new Recorder();

  @BeforeEach
  void start() {
    runtime = LinkRuntime.create();
    links = new SessionLinks(runtime, fast(mode));
    relay = new RelayStub(mode.serverContext());
    relay.register(session.sessionId(), session.token());
  }

  @AfterEach
  void stop() {
    runtime.close();
    relay.close();
  }

  @Test
  void userReportsAPortNobodyListensOnSoBothMeetOnTheRelay() {
    PeerListener listener = await(links.openPeerListener("127.0.0.1"));
    var user = links.acceptAsUser(listener, session.assigned(relay.endpoint()), userEvents);
    // the agent dials a dead port, fails fast and waits on the relay (relay.joined) until the user
    // gives up on its listener after the direct time and joins as well: a late join
    var agent = links.connectAsAgent(session.start("127.0.0.1", LinkTestSupport.deadEndpoint(), relay.endpoint(),
        listener.fingerprint()), agentEvents);

    assertThat(await(agent).path()).isEqualTo(LinkPath.RELAY);
    assertThat(await(user).path()).isEqualTo(LinkPath.RELAY);
    assertThat(listener.isListening()).isFalse();

    await(agent).send(new ChatMessage("over the relay"));
    await(user).send(new ChatMessage("received"));
    await().atMost(Duration.ofSeconds(5)).until(() -> userEvents.events.size() == 1 && agentEvents.events.size() == 1);
    assertThat(userEvents.chatTexts()).containsExactly("over the relay");
    assertThat(agentEvents.chatTexts()).containsExactly("received");
    assertThat(relay.pairings()).isEqualTo(1);
  }

  @Test
  void withoutAPeerEndpointBothGoStraightToTheRelay() {
    var user = links.acceptAsUser(null, session.assigned(relay.endpoint()), userEvents);
    var agent = links.connectAsAgent(session.start("127.0.0.1", null, relay.endpoint()), agentEvents);

    assertThat(await(user).path()).isEqualTo(LinkPath.RELAY);
    assertThat(await(agent).path()).isEqualTo(LinkPath.RELAY);
  }

  @Test
  void relayJoinWithAWrongTokenFailsWithBadToken() {
    var join = joinOnLinkThread(session.withToken("wrong"));
    assertThat(failureCode(join)).isEqualTo(ErrorCode.BAD_TOKEN);
  }

  @Test
  void relayJoinForAnEndedSessionFailsWithSessionEnded() {
    relay.end(session.sessionId());
    assertThat(failureCode(joinOnLinkThread(session))).isEqualTo(ErrorCode.SESSION_ENDED);
  }

  @Test
  void aThirdJoinerIsRefusedAndTheLinkedPairIsUndisturbed() {
    var user = links.acceptAsUser(null, session.assigned(relay.endpoint()), userEvents);
    var agent = links.connectAsAgent(session.start("127.0.0.1", null, relay.endpoint()), agentEvents);
    await(user);
    await(agent);

    assertThat(failureCode(joinOnLinkThread(session))).isEqualTo(ErrorCode.RELAY_FULL);
    try (LineClient intruder = new LineClient(relay.endpoint(), pin())) {
      intruder.send(new Hello(Role.RELAY)).send(new RelayJoin(session.sessionId(), session.token()));
      assertThat(intruder.read()).isInstanceOf(Welcome.class);
      assertThat(intruder.read()).isInstanceOfSatisfying(ErrorFrame.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.RELAY_FULL));
    }

    await(agent).send(new ChatMessage("still here"));
    await().atMost(Duration.ofSeconds(5)).until(() -> userEvents.chatTexts().contains("still here"));
    assertThat(await(user).state()).isEqualTo(LinkState.UP);
  }

  /** What a hand-driven client pins to reach the relay in this mode. */
  private String pin() {
    return mode == TestTls.TLS ? TestTls.SERVER.fingerprint() : null;
  }

  private CompletableFuture<?> joinOnLinkThread(Sessions who) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    runtime.execute(() -> RelayJoiner.join(runtime, fast(mode), relay.endpoint(), who.sessionId(), who.token(),
        Duration.ofSeconds(3)).whenComplete((ch, failure) -> {
          if (failure != null) {
            result.completeExceptionally(failure);
          } else {
            ch.close();
            result.complete(ch);
          }
        }));
    return result;
  }

  private static String failureCode(CompletableFuture<?> future) {
    try {
      future.join();
      throw new AssertionError("join succeeded");
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(LinkException.class);
      return ((LinkException) e.getCause()).code();
    }
  }
}
