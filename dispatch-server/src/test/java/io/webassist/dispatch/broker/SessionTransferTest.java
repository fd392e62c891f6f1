package io.webassist.dispatch.broker;

import static io.webassist.dispatch.testing.BrokerFixture.linkOf;
import static io.webassist.dispatch.testing.BrokerFixture.request;
import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.config.RoutingRule;
import io.webassist.dispatch.testing.BrokerFixture;
import io.webassist.dispatch.testing.RecordingLink;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.OfferWithdrawn;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SessionTransfer;
import io.webassist.protocol.frame.SessionTransferFailed;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.TransferInfo;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code session.transfer}: the request is offered to a colleague; the old session ends only when the new one starts. */
class SessionTransferTest {

  private final BrokerFixture f = new BrokerFixture(
      List.of(agent("ann", 1, "general"), agent("bob", 1, "general"), agent("bill", 1, "billing")),
      List.of(RoutingRule.prefix("billing", "B-")));
  private RecordingLink ann;
  private UserClient user;
  private SupportAssigned first;

  @BeforeEach
  void annHelpsMaria() {
    ann = f.loginAvailable("ann");
    user = f.user("maria", "203.0.113.9");
    f.broker.submit(user, request("Maria", null));
    f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());
    ann.take();
    first = linkOf(user).take(SupportAssigned.class).get(0);
  }

  @Test
  void aNamedColleagueAcceptsThenTheUserIsAssignedAndOnlyThenTheOldSessionEnds() {
    RecordingLink bill = f.loginAvailable("bill");

    f.broker.transfer(f.agent("ann"), ann, new SessionTransfer(first.sessionId(), "bill", null, "wants a refund"));

    SupportOffer offer = bill.take(SupportOffer.class).get(0);
    assertThat(offer.requestId()).isEqualTo(first.requestId());
    assertThat(offer.user().name()).isEqualTo("Maria");
    assertThat(offer.transfer()).isEqualTo(new TransferInfo("ann", "Agent ann", "wants a refund"));
    assertThat(ann.take()).isEmpty(); // the session goes on meanwhile

    f.broker.accept(f.agent("bill"), bill, offer.requestId());

    SessionStart start = bill.take(SessionStart.class).get(0);
    assertThat(start.sessionId()).isNotEqualTo(first.sessionId());
    SupportAssigned second = linkOf(user).take(SupportAssigned.class).get(0);
    assertThat(second.sessionId()).isEqualTo(start.sessionId());
    assertThat(second.token()).isEqualTo(start.token());
    assertThat(second.agent().id()).isEqualTo("bill");
    assertThat(ann.take()).containsExactly(new SessionEnd(first.sessionId(), "transferred"));
    assertThat(f.agent("ann").load()).isZero();
    assertThat(f.agent("bill").load()).isEqualTo(1);
    assertThat(f.sessions.find(first.sessionId())).isEmpty();
  }

  @Test
  void toAGroupTheNextFreeAgentButTheSenderIsOffered() {
    RecordingLink bob = f.loginAvailable("bob");

    f.broker.transfer(f.agent("ann"), ann, new SessionTransfer(first.sessionId(), null, "general", null));

    assertThat(bob.take(SupportOffer.class)).singleElement()
        .satisfies(o -> assertThat(o.transfer().fromAgentId()).isEqualTo("ann"));
  }

  @Test
  void aDeclinedTransferIsReportedAndTheSessionGoesOn() {
    RecordingLink bill = f.loginAvailable("bill");
    f.broker.transfer(f.agent("ann"), ann, new SessionTransfer(first.sessionId(), "bill", null, null));

    f.broker.decline(f.agent("bill"), bill, first.requestId());

    assertThat(ann.take()).containsExactly(new SessionTransferFailed(first.sessionId(), "declined"));
    assertThat(f.sessions.find(first.sessionId())).isPresent();
    assertThat(f.agent("bill").load()).isZero();
    f.broker.endSession(ann, first.sessionId(), "resolved");
    assertThat(linkOf(user).take()).containsExactly(new SessionEnd(first.sessionId(), "resolved"));
  }

  @Test
  void anExpiredTransferIsReported() {
    RecordingLink bill = f.loginAvailable("bill");
    f.broker.transfer(f.agent("ann"), ann, new SessionTransfer(first.sessionId(), "bill", null, null));

    f.clock.advance(BrokerFixture.OFFER_TIMEOUT_MS);

    assertThat(bill.take()).contains(new OfferWithdrawn(first.requestId(), "expired"));
    assertThat(ann.take()).containsExactly(new SessionTransferFailed(first.sessionId(), "expired"));
  }

  @Test
  void nobodyToTakeItOrNoSuchTarget() {
    f.broker.transfer(f.agent("ann"), ann, new SessionTransfer(first.sessionId(), null, "general", null));
    f.broker.transfer(f.agent("ann"), ann, new SessionTransfer(first.sessionId(), "bill", null, null));
    f.broker.transfer(f.agent("ann"), ann, new SessionTransfer(first.sessionId(), "nobody", null, null));
    f.broker.transfer(f.agent("ann"), ann, new SessionTransfer(first.sessionId(), null, "no-such-group", null));

    List<Frame> failures = ann.take();
    assertThat(failures).containsExactly(
        new SessionTransferFailed(first.sessionId(), "no_agents"),
        new SessionTransferFailed(first.sessionId(), "unknown_target"),
        new SessionTransferFailed(first.sessionId(), "unknown_target"),
        new SessionTransferFailed(first.sessionId(), "unknown_target"));
  }

  @Test
  void theOldSessionEndingCallsTheTransferOff() {
    RecordingLink bill = f.loginAvailable("bill");
    f.broker.transfer(f.agent("ann"), ann, new SessionTransfer(first.sessionId(), "bill", null, null));

    f.broker.endSession(linkOf(user), first.sessionId(), "resolved");

    assertThat(bill.take()).contains(new OfferWithdrawn(first.requestId(), "session_ended"));
    assertThat(f.agent("bill").load()).isZero();
    f.broker.accept(f.agent("bill"), bill, first.requestId());
    assertThat(bill.take()).extracting(Frame::type).containsExactly("error");
  }

  @Test
  void onlyTheSessionsAgentMayTransferIt() {
    RecordingLink bob = f.loginAvailable("bob");

    f.broker.transfer(f.agent("bob"), bob, new SessionTransfer(first.sessionId(), null, "general", null));

    assertThat(bob.take()).extracting(Frame::type).containsExactly("error");
    assertThat(f.agent("bob").load()).isZero();
  }
}
