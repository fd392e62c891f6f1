package io.webassist.dispatch.broker;

import static io.webassist.dispatch.testing.BrokerFixture.linkOf;
import static io.webassist.dispatch.testing.BrokerFixture.request;
import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.testing.BrokerFixture;
import io.webassist.dispatch.testing.RecordingLink;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.OfferWithdrawn;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SessionUserPresence;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.SupportReclaim;
import io.webassist.protocol.frame.SupportUnavailable;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A session outlives a short drop of the user's dispatch connection: the agent's view and the user's reclaim. */
class SessionReclaimTest {

  private static final long GRACE_MS = 30_000;

  private final BrokerFixture f = new BrokerFixture(List.of(agent("ann", 2, "general"), agent("bob", 1, "general")),
      List.of(), s -> s.withReclaimGraceMs(GRACE_MS));
  private RecordingLink ann;
  private UserClient user;
  private SupportAssigned assigned;

  @BeforeEach
  void openSession() {
    ann = f.loginAvailable("ann");
    user = f.user("maria", "203.0.113.9");
    f.broker.submit(user, request("Maria", null));
    f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());
    ann.take();
    assigned = linkOf(user).take(SupportAssigned.class).get(0);
  }

  @Test
  void theAgentSeesTheUserAwayAndBackAndTheSessionGoesOn() {
    f.broker.userLeft(user);

    assertThat(ann.take()).containsExactly(new SessionUserPresence(assigned.sessionId(), true, GRACE_MS));
    assertThat(f.agent("ann").load()).isEqualTo(1); // the slot is kept

    f.clock.advance(GRACE_MS - 1);
    UserClient back = f.user("maria-again", "203.0.113.9");
    f.broker.reclaim(back, new SupportReclaim(assigned.requestId(), assigned.sessionId(), assigned.token()));

    assertThat(linkOf(back).take()).containsExactly(assigned);
    assertThat(ann.take()).containsExactly(new SessionUserPresence(assigned.sessionId(), false, null));
    f.clock.advance(GRACE_MS); // the grace timer was called off
    assertThat(ann.take()).isEmpty();

    f.broker.endSession(ann, assigned.sessionId(), "resolved"); // reaches the new connection
    assertThat(linkOf(back).take()).containsExactly(new SessionEnd(assigned.sessionId(), "resolved"));
    assertThat(f.agent("ann").load()).isZero();
  }

  @Test
  void afterTheGraceTheSessionEndsAsUserLeftAndAReclaimIsToldSo() {
    f.broker.userLeft(user);
    ann.take();

    f.clock.advance(GRACE_MS);

    assertThat(ann.take()).containsExactly(new SessionEnd(assigned.sessionId(), "user_left"));
    assertThat(f.agent("ann").load()).isZero();
    UserClient back = f.user("maria-again", "203.0.113.9");
    f.broker.reclaim(back, new SupportReclaim(assigned.requestId(), assigned.sessionId(), assigned.token()));
    assertThat(linkOf(back).take()).containsExactly(new SupportUnavailable(assigned.requestId(), "reclaim_expired"));
  }

  @Test
  void aWrongTokenReclaimsNothing() {
    f.broker.userLeft(user);
    ann.take();
    UserClient stranger = f.user("mallory", "198.51.100.66");

    f.broker.reclaim(stranger, new SupportReclaim(assigned.requestId(), assigned.sessionId(), "not-the-token"));

    assertThat(((ErrorFrame) linkOf(stranger).take().get(0)).code()).isEqualTo(ErrorCode.BAD_TOKEN);
    assertThat(ann.take()).isEmpty();
    f.clock.advance(GRACE_MS);
    assertThat(ann.take()).containsExactly(new SessionEnd(assigned.sessionId(), "user_left"));
  }

  @Test
  void aSessionTheAgentEndedWhileTheUserWasAwayIsOver() {
    f.broker.userLeft(user);
    f.broker.endSession(ann, assigned.sessionId(), "resolved");
    UserClient back = f.user("maria-again", "203.0.113.9");

    f.broker.reclaim(back, new SupportReclaim(assigned.requestId(), assigned.sessionId(), assigned.token()));

    assertThat(linkOf(back).take()).containsExactly(new SupportUnavailable(assigned.requestId(), "session_ended"));
  }

  @Test
  void anAgentWhoLeavesWhileTheUserIsAwayEndsTheRequestAndTheReclaimAsksAgain() {
    f.broker.userLeft(user);
    RecordingLink bob = f.loginAvailable("bob");

    f.broker.agentLeft(f.agent("ann"), ann);

    assertThat(bob.take(SupportOffer.class)).isEmpty(); // nobody to help: the user is not there
    assertThat(f.broker.queueLengths()).containsEntry("general", 0);
    UserClient back = f.user("maria-again", "203.0.113.9");
    f.broker.reclaim(back, new SupportReclaim(assigned.requestId(), assigned.sessionId(), assigned.token()));
    assertThat(linkOf(back).take()).containsExactly(new SupportUnavailable(assigned.requestId(), "reclaim_expired"));
  }

  @Test
  void anOfferedRequestIsNotKeptForTheUser() {
    UserClient other = f.user("otto", "203.0.113.10");
    f.broker.submit(other, request("Otto", null)); // offered: ann's second slot
    UserClient third = f.user("paula", "203.0.113.11");
    f.broker.submit(third, request("Paula", null)); // waits: ann is full, bob is not logged in
    String otto = linkOf(other).take(SupportQueued.class).get(0).requestId();
    String paula = linkOf(third).take(SupportQueued.class).get(0).requestId();
    ann.take();

    f.broker.userLeft(other);

    List<?> toAnn = ann.take();
    assertThat(toAnn.get(0)).isEqualTo(new OfferWithdrawn(otto, "user_left"));
    assertThat(((SupportOffer) toAnn.get(1)).requestId()).isEqualTo(paula);
  }

  @Test
  void withoutAGraceTheSessionEndsAtOnce() {
    BrokerFixture g = new BrokerFixture(List.of(agent("ann", 1, "general")), List.of());
    RecordingLink console = g.loginAvailable("ann");
    UserClient u = g.user("u", "203.0.113.9");
    g.broker.submit(u, request("U", null));
    g.broker.accept(g.agent("ann"), console, console.take(SupportOffer.class).get(0).requestId());
    String sessionId = console.take(SessionStart.class).get(0).sessionId();

    g.broker.userLeft(u);

    assertThat(console.take()).containsExactly(new SessionEnd(sessionId, "user_left"));
  }
}
