package io.webassist.dispatch.broker;

import static io.webassist.dispatch.testing.BrokerFixture.linkOf;
import static io.webassist.dispatch.testing.BrokerFixture.request;
import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.broker.SupportBroker.LoginResult;
import io.webassist.dispatch.clients.ClientLink;
import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.config.LoginPolicy;
import io.webassist.dispatch.config.RoutingRule;
import io.webassist.dispatch.testing.BrokerFixture;
import io.webassist.dispatch.testing.RecordingLink;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.AgentStatus;
import io.webassist.protocol.frame.Availability;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.OfferWithdrawn;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.SupportUnavailable;
import io.webassist.protocol.frame.UserInfo;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The broker's behaviour with real domain objects, a manual clock and recording links. */
class SupportBrokerTest {

  private final BrokerFixture f = new BrokerFixture(
      List.of(agent("ann", 1, "general"), agent("bob", 1, "general"), agent("vera", 2, "premium")),
      List.of(RoutingRule.prefix("premium", "VIP-")));

  @Test
  void offerCarriesNameIpPhonePageAndCustomerIdToAnAgentOfTheRoutedGroup() {
    RecordingLink vera = f.loginAvailable("vera");
    RecordingLink ann = f.loginAvailable("ann");
    UserClient user = f.user("Maria", "203.0.113.9");

    f.broker.submit(user, request("Maria", "VIP-0042"));

    SupportQueued queued = (SupportQueued) linkOf(user).take().get(0);
    assertThat(queued.position()).isEqualTo(1);
    assertThat(ann.take()).isEmpty();
    List<Frame> toVera = vera.take();
    assertThat(toVera).singleElement().isInstanceOf(SupportOffer.class);
    SupportOffer offer = (SupportOffer) toVera.get(0);
    assertThat(offer.requestId()).isEqualTo(queued.requestId());
    assertThat(offer.user()).isEqualTo(new UserInfo("Maria", "+1 555 0100", "203.0.113.9", "VIP-0042"));
    assertThat(offer.pageUrl()).isEqualTo("https://shop.example/cart?item=7");
    assertThat(offer.group()).isEqualTo("premium");
    assertThat(offer.expiresInMs()).isEqualTo(BrokerFixture.OFFER_TIMEOUT_MS);
    assertThat(offer.requestedAt()).isEqualTo(f.clock.now());
  }

  @Test
  void requestGoesToTheLongestIdleAgentWithAFreeSlot() {
    RecordingLink ann = f.loginAvailable("ann");
    f.clock.advance(1_000);
    RecordingLink bob = f.loginAvailable("bob");

    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", null));
    f.broker.submit(f.user("u2", "198.51.100.2"), request("u2", null));

    assertThat(ann.take(SupportOffer.class)).extracting(o -> o.user().name()).containsExactly("u1");
    assertThat(bob.take(SupportOffer.class)).extracting(o -> o.user().name()).containsExactly("u2");
  }

  @Test
  void agentWhoseLastSessionEndedLatestIsOfferedLast() {
    RecordingLink ann = f.loginAvailable("ann");
    RecordingLink bob = f.loginAvailable("bob");
    UserClient u1 = f.user("u1", "198.51.100.1");
    f.broker.submit(u1, request("u1", null)); // ann: idle longest (logged in first, same instant → config order)
    String r1 = ann.take(SupportOffer.class).get(0).requestId();
    f.broker.accept(f.agent("ann"), ann, r1);
    String sessionId = ann.take(SessionStart.class).get(0).sessionId();
    f.clock.advance(5_000);
    f.broker.endSession(ann, sessionId, "resolved"); // ann idle again since now; bob idle since login

    f.broker.submit(f.user("u2", "198.51.100.2"), request("u2", null));

    assertThat(bob.take(SupportOffer.class)).hasSize(1);
    assertThat(ann.take(SupportOffer.class)).isEmpty();
  }

  @Test
  void requestsWaitInArrivalOrderAndUsersAreToldEachPositionChange() {
    UserClient u1 = f.user("u1", "198.51.100.1");
    UserClient u2 = f.user("u2", "198.51.100.2");
    UserClient u3 = f.user("u3", "198.51.100.3");
    f.broker.submit(u1, request("u1", null));
    f.broker.submit(u2, request("u2", null));
    f.broker.submit(u3, request("u3", null));

    assertThat(linkOf(u1).take(SupportQueued.class)).extracting(SupportQueued::position).containsExactly(1);
    assertThat(linkOf(u2).take(SupportQueued.class)).extracting(SupportQueued::position).containsExactly(2);
    String r3 = linkOf(u3).take(SupportQueued.class).get(0).requestId();

    f.broker.userLeft(u1);
    assertThat(linkOf(u2).take(SupportQueued.class)).extracting(SupportQueued::position).containsExactly(1);
    assertThat(linkOf(u3).take(SupportQueued.class)).extracting(SupportQueued::position).containsExactly(2);

    RecordingLink ann = f.loginAvailable("ann");
    assertThat(ann.take(SupportOffer.class)).extracting(o -> o.user().name()).containsExactly("u2");
    assertThat(linkOf(u3).take()).isEmpty(); // an offer to u2 does not move u3
    assertThat(r3).startsWith("r-");
  }

  @Test
  void acceptedRequestLeavesTheQueueAndTheOthersMoveUp() {
    RecordingLink ann = f.loginAvailable("ann");
    UserClient u1 = f.user("u1", "198.51.100.1");
    UserClient u2 = f.user("u2", "198.51.100.2");
    f.broker.submit(u1, request("u1", null));
    f.broker.submit(u2, request("u2", null));
    linkOf(u2).take();

    f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());

    assertThat(linkOf(u2).take(SupportQueued.class)).extracting(SupportQueued::position).containsExactly(1);
  }

  @Test
  void positionChangesWithinTheIntervalAreSentOnceWithTheLatestPosition() {
    List<UserClient> users = List.of(f.user("u1", "198.51.100.1"), f.user("u2", "198.51.100.2"),
        f.user("u3", "198.51.100.3"), f.user("u4", "198.51.100.4"));
    users.forEach(u -> f.broker.submit(u, request(u.link().connectionId(), null)));
    users.forEach(u -> linkOf(u).take());
    UserClient u4 = users.get(3);

    f.broker.userLeft(users.get(0)); // the first change after a quiet spell goes out at once
    assertThat(linkOf(u4).take(SupportQueued.class)).extracting(SupportQueued::position).containsExactly(3);
    f.broker.userLeft(users.get(1));
    f.clock.advance(BrokerFixture.POSITION_UPDATE_MS / 2);
    f.broker.userLeft(users.get(2));
    assertThat(linkOf(u4).take()).isEmpty();

    f.clock.advance(BrokerFixture.POSITION_UPDATE_MS / 2);
    assertThat(linkOf(u4).take(SupportQueued.class)).extracting(SupportQueued::position).containsExactly(1);
    f.clock.advance(BrokerFixture.POSITION_UPDATE_MS * 10);
    assertThat(linkOf(u4).take()).isEmpty();
  }

  @Test
  void requestAssignedBeforeItsPositionIsSentHearsOnlyItsAssignment() {
    RecordingLink ann = f.loginAvailable("ann");
    RecordingLink bob = f.loginAvailable("bob");
    UserClient u1 = f.user("u1", "198.51.100.1");
    UserClient u2 = f.user("u2", "198.51.100.2");
    UserClient u3 = f.user("u3", "198.51.100.3");
    f.broker.submit(u1, request("u1", null));
    f.broker.submit(u2, request("u2", null));
    f.broker.submit(u3, request("u3", null));
    List.of(u1, u2, u3).forEach(u -> linkOf(u).take());

    f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());
    assertThat(linkOf(u3).take(SupportQueued.class)).extracting(SupportQueued::position).containsExactly(2);
    f.broker.accept(f.agent("bob"), bob, bob.take(SupportOffer.class).get(0).requestId()); // u3 is 1 now, not yet told
    f.broker.endSession(ann, ann.take(SessionStart.class).get(0).sessionId(), "resolved");
    f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());
    f.clock.advance(BrokerFixture.POSITION_UPDATE_MS * 10);

    assertThat(linkOf(u3).take()).singleElement().isInstanceOf(SupportAssigned.class);
  }

  @Test
  void offerExpiresAndGoesToNextAgent() {
    RecordingLink ann = f.loginAvailable("ann");
    RecordingLink bob = f.loginAvailable("bob");
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", null));
    String requestId = ann.take(SupportOffer.class).get(0).requestId();

    f.clock.advance(BrokerFixture.OFFER_TIMEOUT_MS - 1);
    assertThat(ann.take()).isEmpty();
    f.clock.advance(1);

    assertThat(ann.take()).containsExactly(new OfferWithdrawn(requestId, "expired"));
    assertThat(bob.take(SupportOffer.class)).extracting(SupportOffer::requestId).containsExactly(requestId);
    assertThat(f.agent("ann").load()).isZero();
    assertThat(f.metrics.counter("offers_expired")).isEqualTo(1);
  }

  @Test
  void expiredOfferIsNotOfferedToTheSameAgentAgainUntilTheCooldownIsOver() {
    RecordingLink ann = f.loginAvailable("ann");
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", null));
    String requestId = ann.take(SupportOffer.class).get(0).requestId();

    f.clock.advance(BrokerFixture.OFFER_TIMEOUT_MS);
    assertThat(ann.take()).containsExactly(new OfferWithdrawn(requestId, "expired"));

    f.clock.advance(BrokerFixture.COOLDOWN_MS - 1);
    assertThat(ann.take()).isEmpty();
    f.clock.advance(1);
    assertThat(ann.take(SupportOffer.class)).extracting(SupportOffer::requestId).containsExactly(requestId);
  }

  @Test
  void declinedOfferGoesToTheNextAgentNotBackToTheDecliner() {
    RecordingLink ann = f.loginAvailable("ann");
    RecordingLink bob = f.loginAvailable("bob");
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", null));
    String requestId = ann.take(SupportOffer.class).get(0).requestId();

    f.broker.decline(f.agent("ann"), ann, requestId);

    assertThat(bob.take(SupportOffer.class)).extracting(SupportOffer::requestId).containsExactly(requestId);
    f.broker.decline(f.agent("bob"), bob, requestId);
    assertThat(ann.take()).isEmpty(); // both declined: it waits, the user keeps position 1
    f.clock.advance(BrokerFixture.COOLDOWN_MS);
    assertThat(ann.take(SupportOffer.class)).extracting(SupportOffer::requestId).containsExactly(requestId);
  }

  @Test
  void acceptStartsOneSessionWithTheSameFreshTokenOnBothSides() {
    RecordingLink ann = f.loginAvailable("ann");
    UserClient user = f.user("Maria", "203.0.113.9");
    f.broker.submit(user, request("Maria", "C-1"));
    linkOf(user).take();
    String requestId = ann.take(SupportOffer.class).get(0).requestId();

    f.broker.accept(f.agent("ann"), ann, requestId);

    SessionStart start = ann.take(SessionStart.class).get(0);
    SupportAssigned assigned = linkOf(user).take(SupportAssigned.class).get(0);
    assertThat(assigned.token()).isEqualTo(start.token());
    assertThat(assigned.sessionId()).isEqualTo(start.sessionId());
    assertThat(Base64.getUrlDecoder().decode(start.token())).hasSizeGreaterThanOrEqualTo(16);
    assertThat(start.requestId()).isEqualTo(requestId);
    assertThat(start.user().ip()).isEqualTo("203.0.113.9");
    assertThat(start.peer()).isEqualTo(new Endpoint("192.168.1.20", 50123));
    assertThat(start.relay()).isEqualTo(new Endpoint("relay.example", 7400));
    assertThat(start.cobrowseHosts()).containsExactly("shop.example");
    assertThat(assigned.agent().id()).isEqualTo("ann");
    assertThat(assigned.agent().displayName()).isEqualTo("Agent ann");
    assertThat(assigned.cobrowseHosts()).containsExactly("shop.example");
  }

  @Test
  void tokensDifferBetweenSessions() {
    RecordingLink vera = f.loginAvailable("vera");
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", "VIP-1"));
    f.broker.submit(f.user("u2", "198.51.100.2"), request("u2", "VIP-2"));
    for (SupportOffer offer : vera.take(SupportOffer.class)) {
      f.broker.accept(f.agent("vera"), vera, offer.requestId());
    }
    List<SessionStart> starts = vera.take(SessionStart.class);
    assertThat(starts).hasSize(2);
    assertThat(starts.get(0).token()).isNotEqualTo(starts.get(1).token());
  }

  @Test
  void secondAcceptOfTheSameRequestIsOfferGone() {
    RecordingLink ann = f.loginAvailable("ann");
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", null));
    String requestId = ann.take(SupportOffer.class).get(0).requestId();

    f.broker.accept(f.agent("ann"), ann, requestId);
    f.broker.accept(f.agent("ann"), ann, requestId);

    List<Frame> frames = ann.take();
    assertThat(frames).filteredOn(SessionStart.class::isInstance).hasSize(1);
    assertThat(frames.get(1)).isEqualTo(new ErrorFrame(ErrorCode.OFFER_GONE,
        "request " + requestId + " is not offered to you (any more)", requestId));
    assertThat(f.sessions.liveCount()).isEqualTo(1);
  }

  @Test
  void acceptOfARequestOfferedToSomeoneElseIsOfferGone() {
    RecordingLink ann = f.loginAvailable("ann");
    RecordingLink bob = f.loginAvailable("bob");
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", null));
    String requestId = ann.take(SupportOffer.class).get(0).requestId();

    f.broker.accept(f.agent("bob"), bob, requestId);

    assertThat(bob.take()).singleElement()
        .isInstanceOfSatisfying(ErrorFrame.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OFFER_GONE));
    assertThat(f.sessions.liveCount()).isZero();
  }

  @Test
  void acceptAfterTheOfferExpiredIsOfferGone() {
    RecordingLink ann = f.loginAvailable("ann");
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", null));
    String requestId = ann.take(SupportOffer.class).get(0).requestId();
    f.clock.advance(BrokerFixture.OFFER_TIMEOUT_MS);
    ann.take();

    f.broker.accept(f.agent("ann"), ann, requestId);

    assertThat(ann.take()).singleElement()
        .isInstanceOfSatisfying(ErrorFrame.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OFFER_GONE));
  }

  @Test
  void agentDisconnectDuringOfferPutsTheRequestBackAtTheFront() {
    RecordingLink ann = f.loginAvailable("ann");
    UserClient u1 = f.user("u1", "198.51.100.1");
    UserClient u2 = f.user("u2", "198.51.100.2");
    f.broker.submit(u1, request("u1", null));
    f.broker.submit(u2, request("u2", null)); // ann has one slot: u2 waits behind
    String r1 = ann.take(SupportOffer.class).get(0).requestId();

    f.broker.agentLeft(f.agent("ann"), ann);
    RecordingLink bob = f.loginAvailable("bob");

    assertThat(bob.take(SupportOffer.class)).extracting(SupportOffer::requestId).containsExactly(r1);
    assertThat(f.agent("ann").load()).isZero();
    assertThat(f.agent("ann").isLoggedIn()).isFalse();
  }

  @Test
  void connectionsClosedByAServerShuttingDownAreNotAgentsOrUsersLeaving() {
    RecordingLink ann = f.loginAvailable("ann");
    UserClient u1 = f.user("u1", "198.51.100.1");
    f.broker.submit(u1, request("u1", null));
    f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());
    ann.take();
    linkOf(u1).take();

    f.broker.stop(); // then the server closes every connection, each told shutting_down
    f.broker.agentLeft(f.agent("ann"), ann);
    f.broker.userLeft(u1);

    // not "your agent had to leave, you are back in the queue" while the queue itself goes away
    assertThat(linkOf(u1).take()).isEmpty();
    assertThat(ann.take()).isEmpty();
  }

  @Test
  void agentDisconnectDuringSessionRequeuesTheUserAtTheFrontAndTellsWhy() {
    RecordingLink ann = f.loginAvailable("ann");
    UserClient u1 = f.user("u1", "198.51.100.1");
    UserClient u2 = f.user("u2", "198.51.100.2");
    f.broker.submit(u1, request("u1", null));
    f.broker.submit(u2, request("u2", null));
    String r1 = ann.take(SupportOffer.class).get(0).requestId();
    f.broker.accept(f.agent("ann"), ann, r1);
    String sessionId = ann.take(SessionStart.class).get(0).sessionId();
    linkOf(u1).take();
    linkOf(u2).take();
    String r2 = requestIdOf(u2);

    f.broker.agentLeft(f.agent("ann"), ann);

    assertThat(linkOf(u1).take()).containsExactly(
        new SessionEnd(sessionId, "agent_left"), new SupportQueued(r1, 1, "agent_left"));
    // u2 heard position 1 at the accept a moment ago: its move back to 2 comes when the interval ends
    assertThat(linkOf(u2).take()).isEmpty();
    f.clock.advance(BrokerFixture.POSITION_UPDATE_MS);
    assertThat(linkOf(u2).take()).containsExactly(new SupportQueued(r2, 2));
    RecordingLink bob = f.loginAvailable("bob");
    assertThat(bob.take(SupportOffer.class)).extracting(SupportOffer::requestId).containsExactly(r1);
    assertThat(f.sessions.find(sessionId)).isEmpty();
  }

  @Test
  void agentGoingAwayGivesBackItsOfferButKeepsItsSessions() {
    RecordingLink vera = f.loginAvailable("vera");
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", "VIP-1"));
    f.broker.accept(f.agent("vera"), vera, vera.take(SupportOffer.class).get(0).requestId());
    f.broker.submit(f.user("u2", "198.51.100.2"), request("u2", "VIP-2"));
    String r2 = vera.take(SupportOffer.class).get(0).requestId();
    vera.take();

    f.broker.status(f.agent("vera"), vera, new AgentStatus(Availability.AWAY));

    assertThat(vera.take()).containsExactly(new OfferWithdrawn(r2, "away"));
    assertThat(f.sessions.liveCount()).isEqualTo(1);
    assertThat(f.agent("vera").load()).isEqualTo(1);
    f.broker.status(f.agent("vera"), vera, new AgentStatus(Availability.AVAILABLE));
    assertThat(vera.take(SupportOffer.class)).extracting(SupportOffer::requestId).containsExactly(r2);
  }

  @Test
  void userDisconnectWithdrawsTheOfferAndFreesTheAgent() {
    RecordingLink ann = f.loginAvailable("ann");
    UserClient u1 = f.user("u1", "198.51.100.1");
    f.broker.submit(u1, request("u1", null));
    String r1 = ann.take(SupportOffer.class).get(0).requestId();

    f.broker.userLeft(u1);

    assertThat(ann.take()).containsExactly(new OfferWithdrawn(r1, "user_left"));
    assertThat(f.agent("ann").load()).isZero();
    assertThat(u1.requestIds()).isEmpty();
  }

  @Test
  void userDisconnectEndsTheSessionTellsTheAgentAndFreesItForTheNext() {
    RecordingLink ann = f.loginAvailable("ann");
    UserClient u1 = f.user("u1", "198.51.100.1");
    f.broker.submit(u1, request("u1", null));
    f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());
    String sessionId = ann.take(SessionStart.class).get(0).sessionId();
    f.broker.submit(f.user("u2", "198.51.100.2"), request("u2", null));
    assertThat(ann.take()).isEmpty(); // full

    f.broker.userLeft(u1);

    List<Frame> frames = ann.take();
    assertThat(frames.get(0)).isEqualTo(new SessionEnd(sessionId, "user_left"));
    assertThat(frames.get(1)).isInstanceOfSatisfying(SupportOffer.class,
        o -> assertThat(o.user().name()).isEqualTo("u2"));
  }

  @Test
  void sessionEndFromTheAgentTellsTheUserAndFreesTheSlot() {
    RecordingLink ann = f.loginAvailable("ann");
    UserClient u1 = f.user("u1", "198.51.100.1");
    f.broker.submit(u1, request("u1", null));
    f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());
    String sessionId = ann.take(SessionStart.class).get(0).sessionId();
    linkOf(u1).take();

    f.broker.endSession(ann, sessionId, "resolved");

    assertThat(linkOf(u1).take()).containsExactly(new SessionEnd(sessionId, "resolved"));
    assertThat(f.agent("ann").load()).isZero();
    assertThat(u1.requestIds()).isEmpty();
    f.broker.endSession(linkOf(u1), sessionId, "bye"); // the other side's late end is quietly ignored
    assertThat(ann.take()).isEmpty();
  }

  @Test
  void userToldOfTheSessionEndHasNoOpenRequestLeftSoItMayAskAgainAtOnce() {
    RecordingLink ann = f.loginAvailable("ann");
    List<Integer> openWhenTold = new ArrayList<>();
    UserClient[] self = new UserClient[1];
    ClientLink userLink = new ClientLink() {
      @Override
      public String connectionId() {
        return "u1";
      }

      @Override
      public void send(Frame frame) {
        if (frame instanceof SessionEnd) {
          openWhenTold.add(self[0].requestIds().size()); // what its next support.request would be checked against
        }
      }

      @Override
      public void close(ErrorFrame last) {}

      @Override
      public String localHost() {
        return "127.0.0.1";
      }
    };
    self[0] = new UserClient(userLink, "198.51.100.1");
    f.broker.submit(self[0], request("u1", null));
    f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());
    String sessionId = ann.take(SessionStart.class).get(0).sessionId();

    f.broker.endSession(ann, sessionId, "resolved");

    assertThat(openWhenTold).containsExactly(0);
  }

  @Test
  void sessionEndForSomeoneElsesSessionIsUnknownSession() {
    RecordingLink ann = f.loginAvailable("ann");
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", null));
    f.broker.accept(f.agent("ann"), ann, ann.take(SupportOffer.class).get(0).requestId());
    String sessionId = ann.take(SessionStart.class).get(0).sessionId();
    UserClient stranger = f.user("eve", "198.51.100.66");

    f.broker.endSession(stranger.link(), sessionId, "hijack");

    assertThat(linkOf(stranger).take()).singleElement()
        .isInstanceOfSatisfying(ErrorFrame.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SESSION));
    assertThat(f.sessions.find(sessionId)).isPresent();
  }

  @Test
  void cancelRemovesAWaitingRequestAndTheOthersMoveUp() {
    UserClient u1 = f.user("u1", "198.51.100.1");
    UserClient u2 = f.user("u2", "198.51.100.2");
    f.broker.submit(u1, request("u1", null));
    f.broker.submit(u2, request("u2", null));
    String r1 = linkOf(u1).take(SupportQueued.class).get(0).requestId();
    linkOf(u2).take();

    f.broker.cancel(u1, r1);

    assertThat(linkOf(u1).take()).containsExactly(new SupportUnavailable(r1, "cancelled"));
    assertThat(linkOf(u2).take(SupportQueued.class)).extracting(SupportQueued::position).containsExactly(1);
  }

  @Test
  void cancelOfSomeoneElsesRequestIsUnknownRequest() {
    UserClient u1 = f.user("u1", "198.51.100.1");
    f.broker.submit(u1, request("u1", null));
    String r1 = linkOf(u1).take(SupportQueued.class).get(0).requestId();
    UserClient eve = f.user("eve", "198.51.100.66");

    f.broker.cancel(eve, r1);

    assertThat(linkOf(eve).take()).singleElement()
        .isInstanceOfSatisfying(ErrorFrame.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_REQUEST));
    assertThat(u1.requestIds()).containsExactly(r1);
  }

  @Test
  void requestForAGroupNoAgentServesIsUnavailable() {
    BrokerFixture nobody = new BrokerFixture(List.of(agent("ann", 1, "general")),
        List.of(RoutingRule.exact("billing", "B-1")));
    UserClient user = nobody.user("u1", "198.51.100.1");

    nobody.broker.submit(user, request("u1", "B-1"));

    assertThat(linkOf(user).take()).containsExactly(new SupportUnavailable(null, "no_agents"));
  }

  @Test
  void requestWaitsWhenTheGroupsAgentsAreNotLoggedIn() {
    UserClient user = f.user("u1", "198.51.100.1");

    f.broker.submit(user, request("u1", "VIP-7"));

    assertThat(linkOf(user).take()).singleElement().isInstanceOf(SupportQueued.class);
  }

  @Test
  void fullQueueRefusesNewRequests() {
    BrokerFixture small = new BrokerFixture(List.of(agent("ann", 1, "general")), List.of(), 2, LoginPolicy.TAKEOVER);
    small.broker.submit(small.user("u1", "198.51.100.1"), request("u1", null));
    small.broker.submit(small.user("u2", "198.51.100.2"), request("u2", null));
    UserClient third = small.user("u3", "198.51.100.3");

    small.broker.submit(third, request("u3", null));

    assertThat(linkOf(third).take()).containsExactly(new SupportUnavailable(null, "queue_full"));
  }

  @Test
  void secondRequestOnOneConnectionIsRefused() {
    UserClient user = f.user("u1", "198.51.100.1");
    f.broker.submit(user, request("u1", null));
    linkOf(user).take();

    f.broker.submit(user, request("u1", null));

    assertThat(linkOf(user).take()).singleElement()
        .isInstanceOfSatisfying(ErrorFrame.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS));
  }

  @Test
  void secondLoginTakesOverAndTheOldConnectionsOfferIsRequeued() {
    RecordingLink first = f.loginAvailable("ann");
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", null));
    String r1 = first.take(SupportOffer.class).get(0).requestId();
    RecordingLink second = new RecordingLink("console-ann-2");

    assertThat(f.broker.login(f.agent("ann"), second)).isEqualTo(LoginResult.OK);

    assertThat(first.closedWith().code()).isEqualTo(ErrorCode.ALREADY_LOGGED_IN);
    assertThat(second.take()).containsExactly(new AgentReady("ann", "Agent ann", List.of("general"), List.of(), 1));
    f.broker.status(f.agent("ann"), second, new AgentStatus(Availability.AVAILABLE));
    assertThat(second.take(SupportOffer.class)).extracting(SupportOffer::requestId).containsExactly(r1);
    f.broker.accept(f.agent("ann"), first, r1); // the replaced connection cannot take it
    assertThat(f.sessions.liveCount()).isZero();
  }

  @Test
  void secondLoginIsRefusedWhenConfiguredSo() {
    BrokerFixture refusing = new BrokerFixture(List.of(agent("ann", 1, "general")), List.of(), 100,
        LoginPolicy.REFUSE);
    RecordingLink first = refusing.loginAvailable("ann");

    LoginResult result = refusing.broker.login(refusing.agent("ann"), new RecordingLink("console-ann-2"));

    assertThat(result).isEqualTo(LoginResult.ALREADY_LOGGED_IN);
    assertThat(first.closedWith()).isNull();
    assertThat(refusing.agent("ann").link()).isSameAs(first);
  }

  @Test
  void agentIsAwayAfterLoginUntilItSaysAvailable() {
    RecordingLink ann = new RecordingLink("console-ann");
    f.broker.login(f.agent("ann"), ann);
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", null));

    assertThat(ann.take()).containsExactly(new AgentReady("ann", "Agent ann", List.of("general"), List.of(), 1));
    f.broker.status(f.agent("ann"), ann, new AgentStatus(Availability.AVAILABLE));
    assertThat(ann.take(SupportOffer.class)).hasSize(1);
  }

  @Test
  void agentMayLowerItsSessionLimitWithItsStatus() {
    RecordingLink vera = new RecordingLink("console-vera");
    f.broker.login(f.agent("vera"), vera);
    f.broker.status(f.agent("vera"), vera, new AgentStatus(Availability.AVAILABLE, 1));
    f.broker.submit(f.user("u1", "198.51.100.1"), request("u1", "VIP-1"));
    f.broker.submit(f.user("u2", "198.51.100.2"), request("u2", "VIP-2"));

    assertThat(vera.take(SupportOffer.class)).extracting(o -> o.user().name()).containsExactly("u1");
  }

  private String requestIdOf(UserClient user) {
    return user.requestIds().iterator().next();
  }
}
