package io.webassist.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.link.dispatch.DispatchConnection;
import io.webassist.link.session.DispatchReporter;
import io.webassist.link.session.PeerListener;
import io.webassist.link.session.SessionLink;
import io.webassist.link.session.SessionLinks;
import io.webassist.protocol.frame.AgentLogin;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.AgentStatus;
import io.webassist.protocol.frame.Availability;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.OfferAccept;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SessionEvent;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.SupportRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The link library against the real dispatch server: the agent dials the IP address the server saw
 * for the user (claims 88, 91, 96, 102, 107); when the user can't be reached, both meet on the
 * server's relay; chat crosses either way (claims 90, 98, 101, 109); the path shows in the metrics.
 * Every connection is TLS: pinned to the server, and to the user's per-session certificate.
 */
class SessionLinkPathsTest {

  private DemoServer server;
  private TransportSecurity security;
  private LinkRuntime runtime;
  private SessionLinks links;

  @BeforeEach
  void setUp() {
    server = DemoServer.start();
    security = server.security();
    runtime = LinkRuntime.create();
    links = new SessionLinks(runtime, LinkOptions.builder().security(security)
        .directTimeout(Duration.ofMillis(800)).dialTimeout(Duration.ofMillis(500)).build());
  }

  @AfterEach
  void tearDown() {
    runtime.close();
    server.close();
  }

  @Test
  void agentDialsTheUsersIpAndChatCrossesTheDirectLink() {
    Pair pair = connectPair(true);

    assertThat(pair.agent.path()).isEqualTo(LinkPath.DIRECT);
    assertThat(pair.user.path()).isEqualTo(LinkPath.DIRECT);
    assertChatCrossesBothWays(pair);
    await().untilAsserted(() -> assertThat(server.metric("sessions_link_direct")).isEqualTo(1L));
  }

  @Test
  void unreachableUserMeetsTheAgentOnTheRelay() {
    Pair pair = connectPair(false);

    assertThat(pair.agent.path()).isEqualTo(LinkPath.RELAY);
    assertThat(pair.user.path()).isEqualTo(LinkPath.RELAY);
    assertChatCrossesBothWays(pair);
    await().untilAsserted(() -> assertThat(server.metric("sessions_link_relay")).isEqualTo(1L));
  }

  private record Pair(SessionLink agent, SessionLink user, List<SessionEvent> agentGot, List<SessionEvent> userGot) {}

  /** Logs in bob, asks for help as a user whose peer port is reachable or not, accepts, links both. */
  private Pair connectPair(boolean reachable) {
    FrameInbox agentInbox = new FrameInbox();
    DispatchConnection agent = DispatchConnection.builder(runtime, "127.0.0.1", server.tcpPort(), Role.AGENT)
        .security(security).onFrame(agentInbox).connect().join();
    agent.send(new AgentLogin("bob", "bob-demo"));
    agentInbox.await(AgentReady.class);
    agent.send(new AgentStatus(Availability.AVAILABLE));

    PeerListener listener = links.openPeerListener("127.0.0.1").join();
    // a port nobody listens on stands for a user behind NAT or a firewall
    Endpoint reported = reachable ? listener.endpoint() : new Endpoint("127.0.0.1", deadPort());
    FrameInbox userInbox = new FrameInbox();
    DispatchConnection user = DispatchConnection.builder(runtime, "127.0.0.1", server.tcpPort(), Role.USER)
        .security(security).onFrame(userInbox).connect().join();
    user.send(new SupportRequest("Ada", "+44 20 7946 0000", "acme-42", "http://127.0.0.1/shop/cart.html", reported,
        null, listener.fingerprint()));

    SupportOffer offer = agentInbox.await(SupportOffer.class);
    agent.send(new OfferAccept(offer.requestId()));
    SessionStart start = agentInbox.await(SessionStart.class);
    SupportAssigned assigned = userInbox.await(SupportAssigned.class);
    assertThat(assigned.token()).isEqualTo(start.token());

    List<SessionEvent> agentGot = new CopyOnWriteArrayList<>();
    List<SessionEvent> userGot = new CopyOnWriteArrayList<>();
    var agentLink = links.connectAsAgent(start, SessionLink.Listener.all(
        recording(agentGot), new DispatchReporter(agent)));
    var userLink = links.acceptAsUser(listener, assigned, SessionLink.Listener.all(
        recording(userGot), new DispatchReporter(user)));
    return new Pair(agentLink.join(), userLink.join(), agentGot, userGot);
  }

  private static void assertChatCrossesBothWays(Pair pair) {
    pair.agent.send(new ChatMessage("Hello Ada, I can see your cart."));
    pair.user.send(new ChatMessage("The pay button does nothing."));

    await().untilAsserted(() -> {
      assertThat(pair.userGot).extracting(e -> ((ChatMessage) e).text()).containsExactly("Hello Ada, I can see your cart.");
      assertThat(pair.agentGot).extracting(e -> ((ChatMessage) e).text()).containsExactly("The pay button does nothing.");
    });
  }

  private static SessionLink.Listener recording(List<SessionEvent> into) {
    return new SessionLink.Listener() {
      @Override
      public void onEvent(SessionLink link, SessionEvent event) {
        if (event instanceof ChatMessage) {
          into.add(event);
        }
      }
    };
  }

  private static int deadPort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
