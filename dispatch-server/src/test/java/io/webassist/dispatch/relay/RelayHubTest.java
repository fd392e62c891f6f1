package io.webassist.dispatch.relay;

import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.agents.AgentRegistry;
import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.metrics.Metrics;
import io.webassist.dispatch.relay.RelayHub.JoinResult;
import io.webassist.dispatch.sessions.Session;
import io.webassist.dispatch.sessions.SessionRegistry;
import io.webassist.dispatch.testing.ManualScheduler;
import io.webassist.dispatch.testing.RecordingLink;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RelayHubTest {

  /** Records what the hub told it. */
  private static final class Member implements RelayMember {
    final List<String> events = new CopyOnWriteArrayList<>();
    volatile RelayMember partner;

    @Override
    public void joined(String sessionId) {
      events.add("joined");
    }

    @Override
    public void paired(RelayMember partner, String sessionId) {
      this.partner = partner;
      events.add("ready");
    }

    @Override
    public void partnerLeft(String sessionId) {
      partner = null;
      events.add("partner_left");
    }

    @Override
    public void close(ErrorFrame reason) {
      events.add("closed:" + reason.code());
    }
  }

  private final ManualScheduler clock = new ManualScheduler();
  private final SessionRegistry sessions = new SessionRegistry(clock::now);
  private final List<Session> pairedSessions = new ArrayList<>();
  private final Metrics metrics = new Metrics();
  private final RelayHub hub = new RelayHub(sessions, clock, metrics, 2_000, pairedSessions::add);
  private final Session session = sessions.open("r-1", "general",
      new AgentRegistry(List.of(agent("ann", 1, "general"))).find("ann").orElseThrow(), new RecordingLink("ann"),
      new UserClient(new RecordingLink("user"), "198.51.100.1"));

  @Test
  void firstJoinerWaitsAndTheSecondMakesAPair() {
    Member agentSide = new Member();
    Member userSide = new Member();

    assertThat(hub.join(session.id(), session.token(), agentSide)).isEqualTo(JoinResult.JOINED);
    assertThat(hub.join(session.id(), session.token(), userSide)).isEqualTo(JoinResult.PAIRED);

    assertThat(agentSide.events).containsExactly("joined", "ready");
    assertThat(userSide.events).containsExactly("ready");
    assertThat(agentSide.partner).isSameAs(userSide);
    assertThat(userSide.partner).isSameAs(agentSide);
    assertThat(hub.activePairs()).isEqualTo(1);
    assertThat(pairedSessions).containsExactly(session);
  }

  @Test
  void wrongTokenOrUnknownSessionIsBadToken() {
    assertThat(hub.join(session.id(), "not-the-token", new Member())).isEqualTo(JoinResult.BAD_TOKEN);
    assertThat(hub.join("s-nope", session.token(), new Member())).isEqualTo(JoinResult.BAD_TOKEN);
  }

  @Test
  void thirdJoinerIsRefusedWhileBothAreThere() {
    hub.join(session.id(), session.token(), new Member());
    hub.join(session.id(), session.token(), new Member());

    assertThat(hub.join(session.id(), session.token(), new Member())).isEqualTo(JoinResult.FULL);
  }

  @Test
  void partnerIsToldWhenOneSideLeavesAndTheFreePlaceCanBeJoinedAgain() {
    Member agentSide = new Member();
    Member userSide = new Member();
    hub.join(session.id(), session.token(), agentSide);
    hub.join(session.id(), session.token(), userSide);

    hub.leave(session.id(), userSide);
    assertThat(agentSide.events).containsExactly("joined", "ready", "partner_left");
    assertThat(hub.activePairs()).isZero();

    Member userAgain = new Member();
    assertThat(hub.join(session.id(), session.token(), userAgain)).isEqualTo(JoinResult.PAIRED);
    assertThat(agentSide.partner).isSameAs(userAgain);
    assertThat(hub.activePairs()).isEqualTo(1);
  }

  @Test
  void endedSessionRefusesJoinsAndClosesItsMembersAfterTheLinger() {
    Member agentSide = new Member();
    Member userSide = new Member();
    hub.join(session.id(), session.token(), agentSide);
    hub.join(session.id(), session.token(), userSide);

    sessions.end(session);
    hub.sessionEnded(session);

    assertThat(hub.join(session.id(), session.token(), new Member())).isEqualTo(JoinResult.SESSION_ENDED);
    assertThat(agentSide.events).doesNotContain("closed:" + ErrorCode.SESSION_ENDED);
    clock.advance(2_000);
    assertThat(agentSide.events).contains("closed:" + ErrorCode.SESSION_ENDED);
    assertThat(userSide.events).contains("closed:" + ErrorCode.SESSION_ENDED);
    assertThat(hub.activePairs()).isZero();
  }
}
