package io.webassist.dispatch;

import static io.webassist.dispatch.testing.TestHashes.PASSWORD;
import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.config.AgentConfig;
import io.webassist.dispatch.config.LimitsConfig;
import io.webassist.dispatch.config.QueueConfig;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import io.webassist.dispatch.testing.LineClient;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.Welcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Many agents and users at once over real sockets: every user is served once, with a token the agent shares. */
class DispatchServerLoadTest {

  private static final int AGENTS = 5;
  private static final int USERS = 40;

  @Test
  void manyUsersAndAgentsAtOnceEachUserGetsExactlyOneSessionWithMatchingTokens() throws Exception {
    List<AgentConfig> agents = IntStream.range(0, AGENTS).mapToObj(i -> agent("a" + i, 2, "general")).toList();
    ServerConfig config = ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
        .withTls(TlsConfig.disabled()) // these tests speak plain NDJSON; TlsTcpTest covers TLS
        .withAgents(agents).withQueue(new QueueConfig(USERS))
        // every user comes from 127.0.0.1, and the consoles below ping in a tight loop
        .withLimits(LimitsConfig.defaults().toBuilder().maxPendingRequestsPerIp(USERS)
            .framesPerSecond(100_000).frameBurst(100_000).build());
    Map<String, String> agentTokens = new ConcurrentHashMap<>();
    Map<String, String> userTokens = new ConcurrentHashMap<>();
    List<Frame> agentErrors = new CopyOnWriteArrayList<>();
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(AGENTS + 8);
    try (DispatchServer server = DispatchServer.start(config)) {
      List<Future<?>> consoles = new ArrayList<>();
      for (AgentConfig a : agents) {
        consoles.add(pool.submit(() -> runAgent(server.tcpPort(), a.id(), agentTokens, agentErrors, done)));
      }
      List<Future<?>> users = new ArrayList<>();
      for (int i = 0; i < USERS; i++) {
        String customer = "C-" + i;
        users.add(pool.submit(() -> runUser(server.tcpPort(), customer, userTokens)));
      }
      for (Future<?> user : users) {
        user.get(60, TimeUnit.SECONDS);
      }
      done.set(true);
      for (Future<?> console : consoles) {
        console.get(30, TimeUnit.SECONDS);
      }
      assertThat(server.metrics()).containsEntry("sessions_started", (long) USERS);
    } finally {
      pool.shutdownNow();
    }

    assertThat(userTokens).hasSize(USERS);
    assertThat(agentTokens).isEqualTo(userTokens);
    assertThat(agentErrors).isEmpty();
  }

  private static void runUser(int port, String customer, Map<String, String> tokens) {
    try (LineClient user = new LineClient(port)) {
      user.send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}").expect(Welcome.class);
      user.send("{\"type\":\"support.request\",\"name\":\"" + customer + "\",\"customerId\":\"" + customer + "\"}");
      while (true) {
        Frame frame = user.next();
        if (frame instanceof SupportAssigned assigned) {
          assertThat(tokens.put(assigned.requestId(), assigned.token())).isNull();
          // stay until the agent ends the session, so capacity is freed by the agent, not by leaving
          assertThat(user.next().type()).isEqualTo("session.end");
          return;
        }
      }
    }
  }

  private static void runAgent(int port, String id, Map<String, String> tokens, List<Frame> errors,
      AtomicBoolean done) {
    try (LineClient agent = new LineClient(port)) {
      agent.send("{\"type\":\"hello\",\"role\":\"agent\",\"protocol\":1}").expect(Welcome.class);
      agent.send("{\"type\":\"agent.login\",\"agentId\":\"" + id + "\",\"secret\":\"" + PASSWORD + "\"}");
      agent.expect(AgentReady.class);
      agent.send("{\"type\":\"agent.status\",\"status\":\"available\"}");
      while (!done.get()) {
        agent.send("{\"type\":\"ping\"}");
        Frame frame = agent.next();
        if (frame instanceof SupportOffer offer) {
          agent.send("{\"type\":\"offer.accept\",\"requestId\":\"" + offer.requestId() + "\"}");
        } else if (frame instanceof SessionStart start) {
          tokens.put(start.requestId(), start.token());
          agent.send("{\"type\":\"session.end\",\"sessionId\":\"" + start.sessionId() + "\",\"reason\":\"resolved\"}");
        } else if (frame instanceof ErrorFrame error) {
          errors.add(error);
        }
      }
    }
  }
}
