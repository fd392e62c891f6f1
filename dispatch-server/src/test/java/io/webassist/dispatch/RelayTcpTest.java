package io.webassist.dispatch;

import static io.webassist.dispatch.testing.TestHashes.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.dispatch.testing.LineClient;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.RelayJoined;
import io.webassist.protocol.frame.RelayPartnerLeft;
import io.webassist.protocol.frame.RelayReady;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.Welcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay over real TCP (issue 3, server side): both sides of a live session join with the
 * session token, then every line is forwarded untouched; wrong tokens, third joiners and joins
 * for ended sessions are refused; a side that leaves may come back.
 */
class RelayTcpTest {

  private final List<LineClient> open = new ArrayList<>();
  private DispatchServer server;
  private LineClient agent;
  private LineClient user;
  private String sessionId;
  private String token;

  @BeforeEach
  void startSession() throws Exception {
    server = DispatchServer.start(DispatchServerTcpTest.config());
    agent = hello("agent");
    agent.send("{\"type\":\"agent.login\",\"agentId\":\"ann\",\"secret\":\"" + PASSWORD + "\"}");
    agent.expect(AgentReady.class);
    agent.send("{\"type\":\"agent.status\",\"status\":\"available\"}");
    user = hello("user");
    user.send("{\"type\":\"support.request\",\"name\":\"Maria\",\"customerId\":\"C-1\",\"pageUrl\":\"https://shop.example/\"}");
    user.expect(SupportQueued.class);
    agent.send("{\"type\":\"offer.accept\",\"requestId\":\"" + agent.expect(SupportOffer.class).requestId() + "\"}");
    SessionStart start = agent.expect(SessionStart.class);
    assertThat(user.expect(SupportAssigned.class).token()).isEqualTo(start.token());
    sessionId = start.sessionId();
    token = start.token();
  }

  @AfterEach
  void stop() {
    open.forEach(LineClient::close);
    server.close();
  }

  private LineClient hello(String role) {
    LineClient client = new LineClient(server.tcpPort());
    open.add(client);
    client.send("{\"type\":\"hello\",\"role\":\"" + role + "\",\"protocol\":1}");
    client.expect(Welcome.class);
    return client;
  }

  private LineClient join(String presentedToken) {
    LineClient relay = hello("relay");
    relay.send("{\"type\":\"relay.join\",\"sessionId\":\"" + sessionId + "\",\"token\":\"" + presentedToken + "\"}");
    return relay;
  }

  @Test
  void bothSidesArePairedAndLinesAreForwardedUntouched() {
    LineClient agentSide = join(token);
    assertThat(agentSide.expect(RelayJoined.class).sessionId()).isEqualTo(sessionId);
    LineClient userSide = join(token);

    assertThat(userSide.expect(RelayReady.class).sessionId()).isEqualTo(sessionId);
    assertThat(agentSide.expect(RelayReady.class).sessionId()).isEqualTo(sessionId);

    String chat = "{\"type\":\"chat.message\",\"seq\":1,\"ts\":1700000000000,\"text\":\"Hello, how can I help?\"}";
    agentSide.send(chat);
    assertThat(userSide.readLine()).isEqualTo(chat);
    userSide.send("not json at all — the relay does not parse");
    assertThat(agentSide.readLine()).isEqualTo("not json at all — the relay does not parse");
    userSide.send("{\"type\":\"ping\"}");
    assertThat(agentSide.readLine()).isEqualTo("{\"type\":\"ping\"}");

    assertThat(server.metrics()).containsEntry("sessions_link_relay", 1L).containsEntry("relay_pairs_active", 1);
  }

  @Test
  void manyLinesArriveInOrder() {
    LineClient agentSide = join(token);
    agentSide.expect(RelayJoined.class);
    LineClient userSide = join(token);
    userSide.expect(RelayReady.class);
    agentSide.expect(RelayReady.class);

    StringBuilder burst = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      burst.append("{\"type\":\"cobrowse.scroll\",\"seq\":").append(i).append(",\"ts\":1,\"x\":0,\"y\":").append(i);
      burst.append(i < 1_999 ? "}\n" : "}");
    }
    userSide.send(burst.toString());

    for (int i = 0; i < 2_000; i++) {
      assertThat(agentSide.readLine()).contains("\"seq\":" + i + ",");
    }
  }

  @Test
  void afterRelayReadyTheServerLooksForNoLinesSoTheLineLimitNoLongerApplies() {
    LineClient agentSide = join(token);
    agentSide.expect(RelayJoined.class);
    LineClient userSide = join(token);
    userSide.expect(RelayReady.class);
    agentSide.expect(RelayReady.class);

    // longer than the 64 KiB limit that held until relay.ready: the peers enforce their own limits
    String longLine = "{\"type\":\"cobrowse.input\",\"seq\":1,\"ts\":1,\"field\":\"f\",\"value\":\""
        + "v".repeat(100_000) + "\"}";
    userSide.send(longLine);
    userSide.send("{\"type\":\"chat.message\",\"seq\":2,\"ts\":1,\"text\":\"after\"}");

    assertThat(agentSide.readLine()).isEqualTo(longLine);
    assertThat(agentSide.readLine()).contains("\"text\":\"after\"");
  }

  @Test
  void aLineOverTheLimitBeforeRelayReadyIsRefusedAndClosed() {
    LineClient early = join(token);
    early.expect(RelayJoined.class);

    early.send("x".repeat(70_000));

    early.expectError(ErrorCode.FRAME_TOO_LARGE);
    early.expectClosed();
  }

  @Test
  void bothSidesMaySendHelloAndJoinBackToBack() {
    String both = "{\"type\":\"hello\",\"role\":\"relay\",\"protocol\":1}\n"
        + "{\"type\":\"relay.join\",\"sessionId\":\"" + sessionId + "\",\"token\":\"" + token + "\"}";
    LineClient agentSide = new LineClient(server.tcpPort());
    open.add(agentSide);
    agentSide.send(both);
    agentSide.expect(Welcome.class);
    agentSide.expect(RelayJoined.class);
    LineClient userSide = new LineClient(server.tcpPort());
    open.add(userSide);
    userSide.send(both);
    userSide.expect(Welcome.class);

    assertThat(userSide.expect(RelayReady.class).sessionId()).isEqualTo(sessionId);
    assertThat(agentSide.expect(RelayReady.class).sessionId()).isEqualTo(sessionId);
    userSide.send("{\"type\":\"chat.message\",\"seq\":1,\"ts\":1,\"text\":\"hi\"}");
    assertThat(agentSide.readLine()).contains("\"text\":\"hi\"");
    agentSide.send("{\"type\":\"chat.message\",\"seq\":1,\"ts\":1,\"text\":\"hello\"}");
    assertThat(userSide.readLine()).contains("\"text\":\"hello\"");
  }

  @Test
  void linesSentRightAfterTheJoinThatCompletesThePairReachThePartner() {
    LineClient agentSide = join(token);
    agentSide.expect(RelayJoined.class);
    LineClient userSide = new LineClient(server.tcpPort());
    open.add(userSide);
    // the second side's join completes the pair (and moves it to its partner's event loop, when
    // that is another): what came in the same write after the join must not be lost or parsed
    userSide.send("{\"type\":\"hello\",\"role\":\"relay\",\"protocol\":1}\n"
        + "{\"type\":\"relay.join\",\"sessionId\":\"" + sessionId + "\",\"token\":\"" + token + "\"}\n"
        + "{\"type\":\"chat.message\",\"seq\":1,\"ts\":1,\"text\":\"right away\"}");
    userSide.expect(Welcome.class);
    assertThat(userSide.expect(RelayReady.class).sessionId()).isEqualTo(sessionId);
    assertThat(agentSide.expect(RelayReady.class).sessionId()).isEqualTo(sessionId);

    assertThat(agentSide.readLine()).contains("\"text\":\"right away\"");
    for (int i = 2; i <= 50; i++) {
      userSide.send("{\"type\":\"chat.message\",\"seq\":" + i + ",\"ts\":1,\"text\":\"m" + i + "\"}");
      agentSide.send("{\"type\":\"chat.message\",\"seq\":" + i + ",\"ts\":1,\"text\":\"a" + i + "\"}");
    }
    for (int i = 2; i <= 50; i++) {
      assertThat(agentSide.readLine()).contains("\"text\":\"m" + i + "\"");
      assertThat(userSide.readLine()).contains("\"text\":\"a" + i + "\"");
    }
  }

  @Test
  void wrongTokenIsRefusedAndClosed() {
    LineClient intruder = join(token.substring(1) + "A");

    intruder.expectError(ErrorCode.BAD_TOKEN);
    intruder.expectClosed();
  }

  @Test
  void thirdJoinerIsRefusedWhileBothSidesAreConnected() {
    join(token).expect(RelayJoined.class);
    join(token).expect(RelayReady.class);

    LineClient third = join(token);

    third.expectError(ErrorCode.RELAY_FULL);
    third.expectClosed();
  }

  @Test
  void partnerIsToldWhenTheOtherSideLeavesAndItMayRejoin() {
    LineClient agentSide = join(token);
    agentSide.expect(RelayJoined.class);
    LineClient userSide = join(token);
    userSide.expect(RelayReady.class);
    agentSide.expect(RelayReady.class);

    userSide.close();

    assertThat(agentSide.expect(RelayPartnerLeft.class).sessionId()).isEqualTo(sessionId);
    LineClient userAgain = join(token);
    assertThat(userAgain.expect(RelayReady.class).sessionId()).isEqualTo(sessionId);
    assertThat(agentSide.expect(RelayReady.class).sessionId()).isEqualTo(sessionId);
    userAgain.send("{\"type\":\"chat.message\",\"seq\":2,\"ts\":1,\"text\":\"back\"}");
    assertThat(agentSide.readLine()).contains("\"text\":\"back\"");
  }

  @Test
  void joinForAnEndedSessionIsRefused() {
    agent.send("{\"type\":\"session.end\",\"sessionId\":\"" + sessionId + "\",\"reason\":\"resolved\"}");
    await().atMost(Duration.ofSeconds(5)).until(() -> server.metrics().get("sessions_active").equals(0));

    LineClient late = join(token);

    late.expectError(ErrorCode.SESSION_ENDED);
    late.expectClosed();
  }

  @Test
  void directLinkReportIsCountedInTheMetrics() {
    agent.send("{\"type\":\"session.link\",\"sessionId\":\"" + sessionId + "\",\"path\":\"direct\"}");
    user.send("{\"type\":\"session.link\",\"sessionId\":\"" + sessionId + "\",\"path\":\"direct\"}");

    await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(1).equals(server.metrics().get("sessions_link_direct")));
  }
}
