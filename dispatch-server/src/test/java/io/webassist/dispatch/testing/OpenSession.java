package io.webassist.dispatch.testing;

import static io.webassist.dispatch.testing.TestHashes.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.Pong;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.Welcome;
import java.util.function.Function;

/**
 * The normal flow over real sockets, as a tester with {@code nc} would run it: an agent logs in
 * and is available, a user asks for help, the agent accepts the offer, and both get the same
 * session and token. Both connections stay open until {@link #close()}.
 */
public final class OpenSession implements AutoCloseable {

  private static final String REQUEST = "{\"type\":\"support.request\",\"name\":\"Test User\",\"phone\":\"+1 555 0100\","
      + "\"customerId\":\"C-1\",\"pageUrl\":\"https://shop.example/cart\"}";

  public final LineClient agent;
  public final LineClient user;
  public final String sessionId;
  public final String token;

  private OpenSession(LineClient agent, LineClient user, String sessionId, String token) {
    this.agent = agent;
    this.user = user;
    this.sessionId = sessionId;
    this.token = token;
  }

  /** Runs the flow for {@code agentId} (password {@link TestHashes#PASSWORD}), the user connecting from {@code userAddress}. */
  public static OpenSession start(int port, String agentId, String userAddress, String requestLine) {
    return start(from -> new LineClient(port, from), agentId, userAddress, requestLine);
  }

  /**
   * As {@link #start(int, String, String, String)}, with connections opened by {@code connect}
   * (source address, or null for any → connected client), e.g. {@link LineClient#pinned} for TLS.
   */
  public static OpenSession start(Function<String, LineClient> connect, String agentId, String userAddress,
      String requestLine) {
    LineClient agent = connect.apply(null);
    LineClient user = null;
    try {
      agent.send("{\"type\":\"hello\",\"role\":\"agent\",\"protocol\":1}").expect(Welcome.class);
      agent.send("{\"type\":\"agent.login\",\"agentId\":\"" + agentId + "\",\"secret\":\"" + PASSWORD + "\"}");
      assertThat(agent.expect(AgentReady.class).agentId()).isEqualTo(agentId);
      agent.send("{\"type\":\"agent.status\",\"status\":\"available\"}");
      agent.send("{\"type\":\"ping\"}");
      assertThat(agent.next()).isEqualTo(Pong.INSTANCE); // the status has taken effect

      user = connect.apply(userAddress); // only now: a silent connection would meet the hello timeout
      user.send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}").expect(Welcome.class);
      user.send(requestLine);
      SupportQueued queued = user.expect(SupportQueued.class);
      SupportOffer offer = agent.expect(SupportOffer.class);
      assertThat(offer.requestId()).isEqualTo(queued.requestId());
      agent.send("{\"type\":\"offer.accept\",\"requestId\":\"" + offer.requestId() + "\"}");
      SessionStart start = agent.expect(SessionStart.class);
      SupportAssigned assigned = user.expect(SupportAssigned.class);
      assertThat(assigned.token()).isEqualTo(start.token());
      assertThat(assigned.sessionId()).isEqualTo(start.sessionId());
      return new OpenSession(agent, user, start.sessionId(), start.token());
    } catch (RuntimeException | AssertionError e) {
      agent.close();
      if (user != null) {
        user.close();
      }
      throw e;
    }
  }

  public static OpenSession start(int port, String agentId) {
    return start(port, agentId, null, REQUEST);
  }

  public static OpenSession start(Function<String, LineClient> connect, String agentId) {
    return start(connect, agentId, null, REQUEST);
  }

  @Override
  public void close() {
    agent.close();
    user.close();
  }
}
