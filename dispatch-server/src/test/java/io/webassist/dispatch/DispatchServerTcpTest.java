package io.webassist.dispatch;

import static io.webassist.dispatch.testing.TestHashes.PASSWORD;
import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webassist.dispatch.config.RoutingConfig;
import io.webassist.dispatch.config.RoutingRule;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import io.webassist.dispatch.testing.LineClient;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.OfferWithdrawn;
import io.webassist.protocol.frame.Pong;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SessionUserPresence;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.UserInfo;
import io.webassist.protocol.frame.Welcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real server over real TCP, driven with raw NDJSON lines as a tester with {@code nc} would:
 * the whole support flow of issue 2 (claims 72–87) and the connection rules of the wire contract.
 */
class DispatchServerTcpTest {

  private static final String REQUEST = "{\"type\":\"support.request\",\"name\":\"Maria Lopez\",\"phone\":\"+1 555 0100\","
      + "\"customerId\":\"%s\",\"pageUrl\":\"https://shop.example/checkout\",\"peer\":{\"host\":\"192.168.1.20\",\"port\":50123}}";

  private final List<AutoCloseable> open = new ArrayList<>();
  private DispatchServer server;

  static ServerConfig config() {
    return ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
        .withTls(TlsConfig.disabled()) // these tests speak plain NDJSON; TlsTcpTest covers TLS
        .withAgents(List.of(agent("ann", 1, "general"), agent("bob", 1, "general"), agent("vera", 2, "premium")))
        .withRouting(new RoutingConfig(List.of(RoutingRule.prefix("premium", "VIP-")), "general"));
  }

  private DispatchServer start(ServerConfig config) throws Exception {
    server = DispatchServer.start(config);
    return server;
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

  private LineClient connect() {
    LineClient client = new LineClient(server.tcpPort());
    open.add(client);
    return client;
  }

  private LineClient hello(String role) {
    LineClient client = connect();
    client.send("{\"type\":\"hello\",\"role\":\"" + role + "\",\"protocol\":1}");
    Welcome welcome = client.expect(Welcome.class);
    assertThat(welcome.protocol()).isEqualTo(1);
    assertThat(welcome.connectionId()).isNotBlank();
    return client;
  }

  /** Logs in and says available; with requests waiting, expect the offer next. */
  private LineClient availableAgentWithWorkWaiting(String id) {
    LineClient agent = hello("agent");
    agent.send("{\"type\":\"agent.login\",\"agentId\":\"" + id + "\",\"secret\":\"" + PASSWORD + "\"}");
    assertThat(agent.expect(AgentReady.class).agentId()).isEqualTo(id);
    agent.send("{\"type\":\"agent.status\",\"status\":\"available\"}");
    return agent;
  }

  /** Logs in, says available, and waits until the server has taken that in (nothing is waiting). */
  private LineClient availableAgent(String id) {
    LineClient agent = availableAgentWithWorkWaiting(id);
    agent.send("{\"type\":\"ping\"}"); // frames of one connection are handled in order:
    assertThat(agent.next()).isEqualTo(Pong.INSTANCE); // the pong means the status took effect
    return agent;
  }

  private LineClient requestingUser(String customerId) {
    LineClient user = hello("user");
    user.send(REQUEST.formatted(customerId));
    return user;
  }

  @Test
  void agentAcceptsAnOfferWithTheUsersDetailsAndBothSidesGetTheSameToken() throws Exception {
    start(config());
    LineClient agent = availableAgent("vera");
    LineClient user = requestingUser("VIP-0042");

    SupportQueued queued = user.expect(SupportQueued.class);
    SupportOffer offer = agent.expect(SupportOffer.class);
    assertThat(offer.requestId()).isEqualTo(queued.requestId());
    assertThat(offer.user()).isEqualTo(new UserInfo("Maria Lopez", "+1 555 0100", "127.0.0.1", "VIP-0042"));
    assertThat(offer.pageUrl()).isEqualTo("https://shop.example/checkout");
    assertThat(offer.group()).isEqualTo("premium");
    assertThat(offer.expiresInMs()).isEqualTo(ServerConfig.DEFAULT_OFFER_TIMEOUT_MS);

    agent.send("{\"type\":\"offer.accept\",\"requestId\":\"" + offer.requestId() + "\"}");

    SessionStart start = agent.expect(SessionStart.class);
    SupportAssigned assigned = user.expect(SupportAssigned.class);
    assertThat(assigned.token()).isEqualTo(start.token()).hasSizeGreaterThanOrEqualTo(22);
    assertThat(assigned.sessionId()).isEqualTo(start.sessionId());
    assertThat(assigned.agent().id()).isEqualTo("vera");
    assertThat(start.peer()).isEqualTo(new Endpoint("192.168.1.20", 50123));
    assertThat(start.relay()).isEqualTo(new Endpoint("127.0.0.1", server.tcpPort()));
    assertThat(assigned.relay()).isEqualTo(start.relay());
    assertThat(start.cobrowseHosts()).containsExactly("shop.example");

    agent.send("{\"type\":\"offer.accept\",\"requestId\":\"" + offer.requestId() + "\"}");
    agent.expectError(ErrorCode.OFFER_GONE);
  }

  @Test
  void requestsQueueWithPositionsUntilAnAgentIsFree() throws Exception {
    start(config());
    LineClient first = requestingUser("C-1");
    assertThat(first.expect(SupportQueued.class).position()).isEqualTo(1);
    LineClient second = requestingUser("C-2");
    assertThat(second.expect(SupportQueued.class).position()).isEqualTo(2);

    LineClient ann = availableAgentWithWorkWaiting("ann");
    SupportOffer offer = ann.expect(SupportOffer.class);
    assertThat(offer.user().customerId()).isEqualTo("C-1");
    ann.send("{\"type\":\"offer.accept\",\"requestId\":\"" + offer.requestId() + "\"}");

    first.expect(SupportAssigned.class);
    assertThat(second.expect(SupportQueued.class).position()).isEqualTo(1);
  }

  @Test
  void wrongSecretAndUnknownAgentGetTheSameAuthFailed() throws Exception {
    start(config());
    LineClient agent = hello("agent");

    agent.send("{\"type\":\"agent.login\",\"agentId\":\"ann\",\"secret\":\"wrong\"}");
    String wrongSecret = agent.expectError(ErrorCode.AUTH_FAILED).message();
    agent.send("{\"type\":\"agent.login\",\"agentId\":\"nobody\",\"secret\":\"" + PASSWORD + "\"}");
    String unknownAgent = agent.expectError(ErrorCode.AUTH_FAILED).message();

    assertThat(unknownAgent).isEqualTo(wrongSecret);
    agent.send("{\"type\":\"agent.login\",\"agentId\":\"ann\",\"secret\":\"" + PASSWORD + "\"}");
    agent.expect(AgentReady.class);
  }

  @Test
  void anythingButHelloFirstIsRefusedAndClosed() throws Exception {
    start(config());
    LineClient client = connect();

    client.send("{\"type\":\"agent.login\",\"agentId\":\"ann\",\"secret\":\"x\"}");

    client.expectError(ErrorCode.HELLO_REQUIRED);
    client.expectClosed();
  }

  @Test
  void helloWithAnotherProtocolVersionIsRefusedAndClosed() throws Exception {
    start(config());
    LineClient client = connect();

    client.send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":2}");

    client.expectError(ErrorCode.UNSUPPORTED_PROTOCOL);
    client.expectClosed();
  }

  @Test
  void connectionThatNeverSaysHelloIsClosedAfterTheHelloTimeout() throws Exception {
    start(config().withLimits(config().limits().withHelloTimeoutMs(300)));
    LineClient client = connect();

    client.expectError(ErrorCode.HELLO_TIMEOUT);
    client.expectClosed();
  }

  @Test
  void idleConnectionIsClosedButPingsKeepItOpen() throws Exception {
    start(config().withLimits(config().limits().withIdleTimeoutMs(600)));
    LineClient client = hello("user");
    for (int i = 0; i < 4; i++) {
      client.send("{\"type\":\"ping\"}");
      assertThat(client.next()).isEqualTo(Pong.INSTANCE);
    }

    client.expectError(ErrorCode.IDLE_TIMEOUT);
    client.expectClosed();
  }

  @Test
  void badLinesGetErrorsAndTheConnectionKeepsWorking() throws Exception {
    start(config());
    LineClient user = hello("user");

    user.send("{this is not json");
    user.expectError(ErrorCode.BAD_FRAME);
    user.send("{\"type\":\"teleport\"}");
    user.expectError(ErrorCode.UNKNOWN_TYPE);
    user.send("{\"type\":\"support.request\"}");
    user.expectError(ErrorCode.BAD_FRAME);
    user.send("{\"type\":\"ping\"}");
    assertThat(user.next()).isEqualTo(Pong.INSTANCE);
  }

  @Test
  void framesInTheWrongStateGetWrongStateAndTheConnectionStays() throws Exception {
    start(config());
    LineClient agent = hello("agent");
    LineClient user = hello("user");

    agent.send("{\"type\":\"offer.accept\",\"requestId\":\"r-1\"}");
    agent.expectError(ErrorCode.WRONG_STATE);
    agent.send(REQUEST.formatted("C-1"));
    agent.expectError(ErrorCode.WRONG_STATE);
    user.send("{\"type\":\"offer.accept\",\"requestId\":\"r-1\"}");
    user.expectError(ErrorCode.WRONG_STATE);
    user.send("{\"type\":\"hello\",\"role\":\"agent\",\"protocol\":1}");
    user.expectError(ErrorCode.WRONG_STATE);

    agent.send("{\"type\":\"ping\"}");
    assertThat(agent.next()).isEqualTo(Pong.INSTANCE);
    user.send("{\"type\":\"ping\"}");
    assertThat(user.next()).isEqualTo(Pong.INSTANCE);
  }

  @Test
  void offerExpiresAndGoesToTheNextAgent() throws Exception {
    start(config().withOfferTimeoutMs(300));
    LineClient ann = availableAgent("ann"); // available first: the longest idle
    LineClient bob = availableAgent("bob");
    requestingUser("C-1").expect(SupportQueued.class);

    SupportOffer offer = ann.expect(SupportOffer.class);

    assertThat(ann.expect(OfferWithdrawn.class)).isEqualTo(new OfferWithdrawn(offer.requestId(), "expired"));
    assertThat(bob.expect(SupportOffer.class).requestId()).isEqualTo(offer.requestId());
  }

  @Test
  void agentWhoDisconnectsMidSessionPutsTheUserBackAtTheFront() throws Exception {
    start(config());
    LineClient ann = availableAgent("ann");
    LineClient user = requestingUser("C-1");
    String requestId = user.expect(SupportQueued.class).requestId();
    ann.send("{\"type\":\"offer.accept\",\"requestId\":\"" + ann.expect(SupportOffer.class).requestId() + "\"}");
    String sessionId = user.expect(SupportAssigned.class).sessionId();

    ann.close();

    assertThat(user.expect(SessionEnd.class)).isEqualTo(new SessionEnd(sessionId, "agent_left"));
    assertThat(user.expect(SupportQueued.class)).isEqualTo(new SupportQueued(requestId, 1, "agent_left"));
    LineClient bob = availableAgentWithWorkWaiting("bob");
    assertThat(bob.expect(SupportOffer.class).requestId()).isEqualTo(requestId);
  }

  @Test
  void userWhoDisconnectsIsAwayForTheGraceThenTheSessionEndsForTheAgent() throws Exception {
    start(config().withSessionReclaimMs(300));
    LineClient ann = availableAgent("ann");
    LineClient user = requestingUser("C-1");
    ann.send("{\"type\":\"offer.accept\",\"requestId\":\"" + ann.expect(SupportOffer.class).requestId() + "\"}");
    String sessionId = ann.expect(SessionStart.class).sessionId();

    user.close();

    assertThat(ann.expect(SessionUserPresence.class)).isEqualTo(new SessionUserPresence(sessionId, true, 300L));
    assertThat(ann.expect(SessionEnd.class)).isEqualTo(new SessionEnd(sessionId, "user_left"));
  }

  @Test
  void withoutAGraceAUserWhoDisconnectsEndsTheSessionAtOnce() throws Exception {
    start(config().withSessionReclaimMs(0));
    LineClient ann = availableAgent("ann");
    LineClient user = requestingUser("C-1");
    ann.send("{\"type\":\"offer.accept\",\"requestId\":\"" + ann.expect(SupportOffer.class).requestId() + "\"}");
    String sessionId = ann.expect(SessionStart.class).sessionId();

    user.close();

    assertThat(ann.expect(SessionEnd.class)).isEqualTo(new SessionEnd(sessionId, "user_left"));
  }

  @Test
  void secondLoginTakesOverTheFirstConnection() throws Exception {
    start(config());
    LineClient first = availableAgent("ann");

    LineClient second = availableAgent("ann");

    first.expectError(ErrorCode.ALREADY_LOGGED_IN);
    first.expectClosed();
    second.send("{\"type\":\"ping\"}");
    assertThat(second.next()).isEqualTo(Pong.INSTANCE);
  }

  @Test
  void portAlreadyInUseIsReportedWithTheAddress() throws Exception {
    start(config());
    int taken = server.tcpPort();

    assertThatThrownBy(() -> DispatchServer.start(config().withTcpPort(taken)))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot listen for tcp on 127.0.0.1:" + taken);
  }

  @Test
  void closingTheServerTellsEveryClientItIsShuttingDown() throws Exception {
    start(config());
    LineClient user = hello("user");
    LineClient agent = hello("agent");

    server.close();

    user.expectError(ErrorCode.SHUTTING_DOWN);
    user.expectClosed();
    agent.expectError(ErrorCode.SHUTTING_DOWN);
    agent.expectClosed();
  }
}
