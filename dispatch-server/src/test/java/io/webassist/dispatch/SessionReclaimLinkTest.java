package io.webassist.dispatch;

import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.dispatch.config.RoutingConfig;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import io.webassist.link.testing.CuttableProxy;
import io.webassist.dispatch.testing.LineClient;
import io.webassist.dispatch.testing.TestHashes;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.link.dispatch.Backoff;
import io.webassist.link.dispatch.ConnectionState;
import io.webassist.link.dispatch.DispatchConnection;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Pong;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SessionUserPresence;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.SupportReclaim;
import io.webassist.protocol.frame.SupportRequest;
import io.webassist.protocol.frame.Welcome;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Session reclaim as a client built on the link library sees it: the user's
 * {@link DispatchConnection} runs through a proxy that drops it, reconnects by itself with its
 * back-off, and reclaims the session with {@code support.reclaim}; the agent (a line client) sees
 * the user away and back, and the session is the same one afterwards.
 */
class SessionReclaimLinkTest {

  private final LinkRuntime runtime = LinkRuntime.create(1);
  private final Queue<Frame> toUser = new ConcurrentLinkedQueue<>();
  private DispatchServer server;
  private CuttableProxy network;
  private LineClient ann;
  private DispatchConnection user;

  @AfterEach
  void stop() throws Exception {
    if (user != null) {
      user.close();
    }
    if (ann != null) {
      ann.close();
    }
    if (network != null) {
      network.close();
    }
    if (server != null) {
      server.close();
    }
    runtime.close();
  }

  @Test
  void aDroppedDispatchConnectionReconnectsAndReclaimsTheSession() throws Exception {
    server = DispatchServer.start(ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
        .withTls(TlsConfig.disabled()).withAgents(List.of(agent("ann", 1, "general")))
        .withRouting(RoutingConfig.defaults()).withSessionReclaimMs(30_000));
    network = new CuttableProxy(server.tcpPort());
    ann = new LineClient(server.tcpPort());
    ann.send("{\"type\":\"hello\",\"role\":\"agent\",\"protocol\":1}").expect(Welcome.class);
    ann.send("{\"type\":\"agent.login\",\"agentId\":\"ann\",\"secret\":\"" + TestHashes.PASSWORD + "\"}")
        .expect(AgentReady.class);
    ann.send("{\"type\":\"agent.status\",\"status\":\"available\"}").send("{\"type\":\"ping\"}");
    assertThat(ann.next()).isEqualTo(Pong.INSTANCE);

    user = DispatchConnection.builder(runtime, "127.0.0.1", network.port(), Role.USER)
        .security(TransportSecurity.insecure())
        .reconnect(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 2.0))
        .onFrame(toUser::add)
        .onState(this::reclaimWhenBack)
        .connect().get(10, TimeUnit.SECONDS);
    user.send(new SupportRequest("Ada", null, null, "https://shop.example/cart", null));
    ann.send("{\"type\":\"offer.accept\",\"requestId\":\"" + ann.expect(SupportOffer.class).requestId() + "\"}");
    String sessionId = ann.expect(SessionStart.class).sessionId();
    SupportAssigned assigned = awaitFrame(SupportAssigned.class);
    assertThat(assigned.sessionId()).isEqualTo(sessionId);
    this.assigned = assigned;

    network.dropConnections();

    assertThat(ann.expect(SessionUserPresence.class)).isEqualTo(new SessionUserPresence(sessionId, true, 30_000L));
    assertThat(ann.expect(SessionUserPresence.class)).isEqualTo(new SessionUserPresence(sessionId, false, null));
    assertThat(awaitFrame(SupportAssigned.class)).isEqualTo(assigned);
    ann.send("{\"type\":\"session.end\",\"sessionId\":\"" + sessionId + "\",\"reason\":\"resolved\"}");
    assertThat(awaitFrame(SessionEnd.class)).isEqualTo(new SessionEnd(sessionId, "resolved"));
  }

  private volatile SupportAssigned assigned;
  private volatile boolean connectedOnce;

  /** What a user client does (AssistClient does the same): after a reconnect during a session, reclaim it. */
  private void reclaimWhenBack(ConnectionState state) {
    if (state != ConnectionState.CONNECTED) {
      return;
    }
    SupportAssigned session = assigned;
    if (connectedOnce && session != null) {
      user.send(new SupportReclaim(session.requestId(), session.sessionId(), session.token()));
    }
    connectedOnce = true;
  }

  private <T extends Frame> T awaitFrame(Class<T> type) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> {
      for (Frame frame; (frame = toUser.poll()) != null; ) {
        if (type.isInstance(frame)) {
          return type.cast(frame);
        }
      }
      return null;
    }, found -> found != null);
  }
}
