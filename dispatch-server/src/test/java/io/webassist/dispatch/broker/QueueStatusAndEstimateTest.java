package io.webassist.dispatch.broker;

import static io.webassist.dispatch.testing.BrokerFixture.linkOf;
import static io.webassist.dispatch.testing.BrokerFixture.request;
import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.config.RoutingRule;
import io.webassist.dispatch.testing.BrokerFixture;
import io.webassist.dispatch.testing.RecordingLink;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.CannedReply;
import io.webassist.protocol.frame.GroupQueue;
import io.webassist.protocol.frame.QueueStatus;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.SupportQueued;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code queue.status} pushed to agents, {@code estimatedWaitMs} for users, canned replies at login. */
class QueueStatusAndEstimateTest {

  private static final long STATUS_MS = 500;

  private final BrokerFixture f = new BrokerFixture(
      List.of(agent("ann", 1, "general"), agent("bob", 1, "general", "premium"), agent("vera", 2, "premium")),
      List.of(RoutingRule.prefix("premium", "VIP-")),
      s -> s.withQueueStatusMs(STATUS_MS).withCannedReplies(Map.of(
          "general", List.of(new CannedReply("general", "hi", "Hello, how can I help?")),
          "premium", List.of(new CannedReply("premium", "vip", "Thank you for being a premium customer.")))));

  @Test
  void loginSendsTheGroupsCannedRepliesAndThenTheQueueStatus() {
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", "VIP-1"));
    RecordingLink bob = new RecordingLink("console-bob");

    f.broker.login(f.agent("bob"), bob);

    List<?> frames = bob.take();
    AgentReady ready = (AgentReady) frames.get(0);
    assertThat(ready.cannedReplies()).containsExactly(
        new CannedReply("general", "hi", "Hello, how can I help?"),
        new CannedReply("premium", "vip", "Thank you for being a premium customer."));
    assertThat(frames.get(1)).isEqualTo(new QueueStatus(List.of(
        new GroupQueue("general", 0, 0), new GroupQueue("premium", 1, 0))));
  }

  @Test
  void queueChangesReachEachAgentOfTheGroupAtMostOncePerInterval() {
    RecordingLink ann = f.loginAvailable("ann"); // busy after the first request
    RecordingLink vera = new RecordingLink("console-vera");
    f.broker.login(f.agent("vera"), vera); // away: premium only, hears nothing of general
    vera.take();

    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", null));
    f.clock.advance(1);
    f.broker.submit(f.user("u2", "198.51.100.2"), request("u2", null));
    f.broker.submit(f.user("u3", "198.51.100.3"), request("u3", null));
    f.clock.advance(STATUS_MS / 2);

    assertThat(ann.take(QueueStatus.class)).containsExactly(new QueueStatus(List.of(new GroupQueue("general", 1, 0))));

    f.clock.advance(STATUS_MS); // the two later arrivals, together
    assertThat(ann.take(QueueStatus.class)).containsExactly(
        new QueueStatus(List.of(new GroupQueue("general", 3, STATUS_MS))));
    assertThat(vera.take(QueueStatus.class)).isEmpty();
  }

  @Test
  void aQueueThatChangedAndCameBackBetweenTwoFlushesCostsNoFrame() {
    RecordingLink ann = f.loginAvailable("ann");
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", null)); // offered to ann at once
    f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());
    String session = ann.take(SessionStart.class).get(0).sessionId();
    f.clock.advance(STATUS_MS * 2);
    ann.take();

    for (int i = 2; i < 5; i++) { // each request arrives and is taken between two flushes
      f.broker.endSession(ann, session, "resolved");
      f.broker.submit(f.user("u" + i, "198.51.100." + i), request("u" + i, null));
      f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());
      session = ann.take(SessionStart.class).get(0).sessionId();
      f.clock.advance(STATUS_MS * 2);
      assertThat(ann.take(QueueStatus.class)).as("0 waiting, as ann heard last").isEmpty();
    }

    f.clock.advance(7);
    f.broker.submit(f.user("u9", "198.51.100.9"), request("u9", null)); // ann is busy: this one waits
    f.clock.advance(STATUS_MS * 2);
    assertThat(ann.take(QueueStatus.class)).containsExactly(new QueueStatus(List.of(new GroupQueue("general", 1, 0))));
  }

  @Test
  void anAgentLoggingInBetweenTwoFlushesHearsTheQueueAsItEnds() {
    RecordingLink ann = f.loginAvailable("ann");
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", null)); // offered to ann, keeps its place
    String offered = ann.take(SupportOffer.class).get(0).requestId();
    f.clock.advance(STATUS_MS * 2);
    ann.take();

    f.broker.submit(f.user("u2", "198.51.100.2"), request("u2", null)); // a flush is due
    RecordingLink bob = new RecordingLink("console-bob");
    f.broker.login(f.agent("bob"), bob);
    assertThat(bob.take(QueueStatus.class)).extracting(s -> s.groups().get(0).waiting()).containsExactly(2);
    f.broker.accept(f.agent("ann"), ann, offered); // back to 1 waiting before the flush
    f.clock.advance(STATUS_MS * 2);

    assertThat(bob.take(QueueStatus.class)).extracting(s -> s.groups().get(0).waiting()).containsExactly(1);
  }

  @Test
  void noEstimateWithoutHistoryThenOneFromHandlingTimes() {
    RecordingLink ann = f.loginAvailable("ann");
    UserClient u1 = f.user("u1", "198.51.100.1");
    f.broker.submit(u1, request("u1", null));
    assertThat(linkOf(u1).take(SupportQueued.class).get(0).estimatedWaitMs()).isNull();

    // one session: accepted after 2 s, lasting 60 s
    f.clock.advance(2_000);
    f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());
    String sessionId = ann.take(SessionStart.class).get(0).sessionId();
    f.clock.advance(60_000);
    f.broker.endSession(ann, sessionId, "resolved");

    UserClient u2 = f.user("u2", "198.51.100.2");
    f.broker.submit(u2, request("u2", null)); // ann is free: about one acceptance
    assertThat(linkOf(u2).take(SupportQueued.class).get(0).estimatedWaitMs()).isEqualTo(2_000L);

    UserClient u3 = f.user("u3", "198.51.100.3");
    f.broker.submit(u3, request("u3", null)); // behind u2, ann's only slot busy: one session more
    assertThat(linkOf(u3).take(SupportQueued.class).get(0).estimatedWaitMs()).isEqualTo(62_000L);
  }

  @Test
  void noEstimateWhenNoAgentOfTheGroupIsAvailable() {
    RecordingLink ann = f.loginAvailable("ann");
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", null));
    f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());
    f.clock.advance(10_000);
    f.broker.endSession(ann, ann.take(SessionStart.class).get(0).sessionId(), "resolved");
    f.broker.agentLeft(f.agent("ann"), ann);

    UserClient u2 = f.user("u2", "198.51.100.2");
    f.broker.submit(u2, request("u2", null));

    assertThat(linkOf(u2).take(SupportQueued.class).get(0).estimatedWaitMs()).isNull();
  }
}
