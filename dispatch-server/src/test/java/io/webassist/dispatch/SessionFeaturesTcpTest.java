package io.webassist.dispatch;

import static io.webassist.dispatch.testing.TestHashes.PASSWORD;
import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.config.QueueConfig;
import io.webassist.dispatch.config.RoutingConfig;
import io.webassist.dispatch.config.RoutingRule;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import io.webassist.dispatch.testing.LineClient;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.CannedReply;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.GroupQueue;
import io.webassist.protocol.frame.Pong;
import io.webassist.protocol.frame.QueueStatus;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SessionTransferFailed;
import io.webassist.protocol.frame.SessionUserPresence;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.SupportUnavailable;
import io.webassist.protocol.frame.Welcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real server over real TCP with line clients: a session reclaimed after the user's dispatch
 * connection dropped (and one not reclaimed in time), a session transferred to a colleague, the
 * {@code queue.status} pushes and canned replies an agent gets.
 */
class SessionFeaturesTcpTest {

  private static final String REQUEST = "{\"type\":\"support.request\",\"name\":\"Maria Lopez\",\"phone\":\"+1 555 0100\","
      + "\"customerId\":\"%s\",\"pageUrl\":\"https://shop.example/checkout\"}";

  private final List<AutoCloseable> open = new ArrayList<>();
  private DispatchServer server;

  private static ServerConfig config() {
    return ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
        .withTls(TlsConfig.disabled())
        .withAgents(List.of(agent("ann", 1, "general"), agent("bob", 1, "general"), agent("bill", 1, "billing")))
        .withRouting(new RoutingConfig(List.of(RoutingRule.prefix("billing", "B-")), "general")
            .withCannedReplies(Map.of("billing", List.of(new CannedReply("billing", "refund", "Refunds take 5 days.")))))
        .withQueue(new QueueConfig(100, 0, 100));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private LineClient hello(String role) {
    LineClient client = new LineClient(server.tcpPort());
    open.add(client);
    client.send("{\"type\":\"hello\",\"role\":\"" + role + "\",\"protocol\":1}").expect(Welcome.class);
    return client;
  }

  private LineClient agentReady(String id) {
    LineClient agent = hello("agent");
    agent.send("{\"type\":\"agent.login\",\"agentId\":\"" + id + "\",\"secret\":\"" + PASSWORD + "\"}");
    assertThat(agent.expect(AgentReady.class).agentId()).isEqualTo(id);
    return agent;
  }

  private LineClient availableAgent(String id) {
    LineClient agent = agentReady(id);
    agent.send("{\"type\":\"agent.status\",\"status\":\"available\"}").send("{\"type\":\"ping\"}");
    assertThat(agent.next()).isEqualTo(Pong.INSTANCE);
    return agent;
  }

  /** A user whose request ann accepted: the user's assignment. */
  private SupportAssigned sessionWith(LineClient agent, LineClient user, String customerId) {
    user.send(REQUEST.formatted(customerId));
    user.expect(SupportQueued.class);
    agent.send("{\"type\":\"offer.accept\",\"requestId\":\"" + agent.expect(SupportOffer.class).requestId() + "\"}");
    agent.expect(SessionStart.class);
    return user.expect(SupportAssigned.class);
  }

  private static String reclaim(SupportAssigned assigned, String token) {
    return "{\"type\":\"support.reclaim\",\"requestId\":\"" + assigned.requestId() + "\",\"sessionId\":\""
        + assigned.sessionId() + "\",\"token\":\"" + token + "\"}";
  }

  @Test
  void aUserWhoseConnectionDroppedReclaimsTheSessionFromANewConnection() throws Exception {
    server = DispatchServer.start(config().withSessionReclaimMs(30_000));
    LineClient ann = availableAgent("ann");
    LineClient user = hello("user");
    SupportAssigned assigned = sessionWith(ann, user, "C-1");

    user.close();
    assertThat(ann.expect(SessionUserPresence.class)).isEqualTo(
        new SessionUserPresence(assigned.sessionId(), true, 30_000L));

    LineClient back = hello("user");
    back.send(reclaim(assigned, assigned.token()));

    assertThat(back.expect(SupportAssigned.class)).isEqualTo(assigned);
    assertThat(ann.expect(SessionUserPresence.class)).isEqualTo(
        new SessionUserPresence(assigned.sessionId(), false, null));
    ann.send("{\"type\":\"session.end\",\"sessionId\":\"" + assigned.sessionId() + "\",\"reason\":\"resolved\"}");
    assertThat(back.expect(SessionEnd.class)).isEqualTo(new SessionEnd(assigned.sessionId(), "resolved"));
  }

  @Test
  void aReclaimAfterTheGraceOrWithAWrongTokenIsRefused() throws Exception {
    server = DispatchServer.start(config().withSessionReclaimMs(200));
    LineClient ann = availableAgent("ann");
    LineClient user = hello("user");
    SupportAssigned assigned = sessionWith(ann, user, "C-1");
    user.close();
    ann.expect(SessionUserPresence.class);
    LineClient back = hello("user");
    back.send(reclaim(assigned, "wrong-token"));
    back.expectError(ErrorCode.BAD_TOKEN);

    assertThat(ann.expect(SessionEnd.class)).isEqualTo(new SessionEnd(assigned.sessionId(), "user_left"));
    back.send(reclaim(assigned, assigned.token()));

    assertThat(back.expect(SupportUnavailable.class))
        .isEqualTo(new SupportUnavailable(assigned.requestId(), "reclaim_expired"));
  }

  @Test
  void aTransferStartsTheNewSessionTellsTheUserAndThenEndsTheOldOne() throws Exception {
    server = DispatchServer.start(config());
    LineClient ann = availableAgent("ann");
    LineClient bill = availableAgent("bill");
    LineClient user = hello("user");
    SupportAssigned first = sessionWith(ann, user, "C-1");

    ann.send("{\"type\":\"session.transfer\",\"sessionId\":\"" + first.sessionId()
        + "\",\"toGroup\":\"billing\",\"note\":\"refund question\"}");
    SupportOffer offer = bill.expect(SupportOffer.class);
    assertThat(offer.transfer().fromAgentId()).isEqualTo("ann");
    assertThat(offer.transfer().note()).isEqualTo("refund question");
    bill.send("{\"type\":\"offer.accept\",\"requestId\":\"" + offer.requestId() + "\"}");

    SessionStart start = bill.expect(SessionStart.class);
    SupportAssigned second = user.expect(SupportAssigned.class);
    assertThat(second.sessionId()).isEqualTo(start.sessionId()).isNotEqualTo(first.sessionId());
    assertThat(second.agent().id()).isEqualTo("bill");
    assertThat(ann.expect(SessionEnd.class)).isEqualTo(new SessionEnd(first.sessionId(), "transferred"));
  }

  @Test
  void aDeclinedTransferLeavesTheSessionRunning() throws Exception {
    server = DispatchServer.start(config());
    LineClient ann = availableAgent("ann");
    LineClient bob = availableAgent("bob");
    LineClient user = hello("user");
    SupportAssigned first = sessionWith(ann, user, "C-1");

    ann.send("{\"type\":\"session.transfer\",\"sessionId\":\"" + first.sessionId() + "\",\"toAgentId\":\"bob\"}");
    bob.send("{\"type\":\"offer.decline\",\"requestId\":\"" + bob.expect(SupportOffer.class).requestId() + "\"}");

    assertThat(ann.expect(SessionTransferFailed.class))
        .isEqualTo(new SessionTransferFailed(first.sessionId(), "declined"));
    user.send("{\"type\":\"session.end\",\"sessionId\":\"" + first.sessionId() + "\",\"reason\":\"resolved\"}");
    assertThat(ann.expect(SessionEnd.class)).isEqualTo(new SessionEnd(first.sessionId(), "resolved"));
  }

  @Test
  void agentsHearTheirGroupsQueuesAndCannedReplies() throws Exception {
    server = DispatchServer.start(config());
    LineClient bill = hello("agent");
    bill.send("{\"type\":\"agent.login\",\"agentId\":\"bill\",\"secret\":\"" + PASSWORD + "\"}");
    assertThat(bill.expect(AgentReady.class).cannedReplies())
        .containsExactly(new CannedReply("billing", "refund", "Refunds take 5 days."));
    assertThat(bill.expect(QueueStatus.class)).isEqualTo(new QueueStatus(List.of(new GroupQueue("billing", 0, 0))));

    hello("user").send(REQUEST.formatted("B-7")).expect(SupportQueued.class);

    QueueStatus status = bill.expect(QueueStatus.class);
    assertThat(status.groups()).singleElement().satisfies(g -> {
      assertThat(g.group()).isEqualTo("billing");
      assertThat(g.waiting()).isEqualTo(1);
    });
  }
}
