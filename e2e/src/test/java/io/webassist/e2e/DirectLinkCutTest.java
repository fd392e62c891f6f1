package io.webassist.e2e;

import io.webassist.link.testing.CuttableProxy;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The network between agent and user fails in the middle of a conversation: the peers move to the
 * dispatch server's relay by themselves, and every chat message sent is shown exactly once on the
 * other side, in order (issue 6, faults).
 */
class DirectLinkCutTest {

  private static final int MESSAGES = 200;

  private final DemoServer server = DemoServer.start();
  private final LinkRuntime runtime = LinkRuntime.create();
  private final TransportSecurity security = server.security();
  private final SessionLinks links = new SessionLinks(runtime, LinkOptions.builder().security(security)
      .directTimeout(Duration.ofMillis(800)).dialTimeout(Duration.ofMillis(500)).build());

  @AfterEach
  void tearDown() {
    runtime.close();
    server.close();
  }

  @Test
  void cutDirectLinkMovesToTheRelayAndEveryChatMessageArrivesOnceInOrder() {
    FrameInbox agentInbox = new FrameInbox();
    DispatchConnection agent = DispatchConnection.builder(runtime, "127.0.0.1", server.tcpPort(), Role.AGENT)
        .security(security).onFrame(agentInbox).connect().join();
    agent.send(new AgentLogin("bob", "bob-demo"));
    agentInbox.await(AgentReady.class);
    agent.send(new AgentStatus(Availability.AVAILABLE));

    PeerListener listener = links.openPeerListener("127.0.0.1").join();
    CuttableProxy network = new CuttableProxy(listener.endpoint().port());
    FrameInbox userInbox = new FrameInbox();
    DispatchConnection user = DispatchConnection.builder(runtime, "127.0.0.1", server.tcpPort(), Role.USER)
        .security(security).onFrame(userInbox).connect().join();
    user.send(new SupportRequest("Ada", null, "acme-42", "http://127.0.0.1/shop/cart.html",
        new Endpoint("127.0.0.1", network.port()), null, listener.fingerprint()));
    agent.send(new OfferAccept(agentInbox.await(SupportOffer.class).requestId()));

    List<String> agentGot = new CopyOnWriteArrayList<>();
    List<String> userGot = new CopyOnWriteArrayList<>();
    var agentSide = links.connectAsAgent(agentInbox.await(SessionStart.class),
        SessionLink.Listener.all(chatInto(agentGot), new DispatchReporter(agent)));
    var userSide = links.acceptAsUser(listener, userInbox.await(SupportAssigned.class),
        SessionLink.Listener.all(chatInto(userGot), new DispatchReporter(user)));
    SessionLink agentLink = agentSide.join();
    SessionLink userLink = userSide.join();
    assertThat(agentLink.path()).isEqualTo(LinkPath.DIRECT);

    for (int i = 1; i <= MESSAGES; i++) {
      if (i == MESSAGES / 2) {
        network.cut();
      }
      agentLink.send(new ChatMessage("agent " + i));
      userLink.send(new ChatMessage("user " + i));
    }

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(userGot).containsExactlyElementsOf(numbered("agent"));
      assertThat(agentGot).containsExactlyElementsOf(numbered("user"));
    });
    assertThat(agentLink.path()).isEqualTo(LinkPath.RELAY);
    assertThat(userLink.path()).isEqualTo(LinkPath.RELAY);
    network.close();
  }

  private static List<String> numbered(String who) {
    return IntStream.rangeClosed(1, MESSAGES).mapToObj(i -> who + " " + i).toList();
  }

  private static SessionLink.Listener chatInto(List<String> texts) {
    return new SessionLink.Listener() {
      @Override
      public void onEvent(SessionLink link, SessionEvent event) {
        if (event instanceof ChatMessage chat) {
          texts.add(chat.text());
        }
      }
    };
  }
}
