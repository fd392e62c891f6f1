package io.webassist.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.dispatch.DispatchConnection;
import io.webassist.link.session.PeerListener;
import io.webassist.link.session.SessionLink;
import io.webassist.link.session.SessionLinks;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Claims 96, 107: the agent's console links to the user at the IP address the dispatch server saw.
 * The user reports a peer host nobody can reach (127.0.0.9, where nothing listens) while its listener
 * is on 127.0.0.1, the address the server sees it connect from; the agent's console (its own process,
 * text mode) still links directly — which only the IP the server saw could give.
 */
class UnreachablePeerHostTest {
  private static final String UNREACHABLE_HOST = "127.0.0.9";

  private DemoServer server;
  private RunningProcess console;
  private final LinkRuntime runtime = LinkRuntime.create();

  @AfterEach
  void stopAll() {
    if (console != null) {
      console.close();
    }
    runtime.close();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theLinkIsMadeThroughTheIpTheServerSawWhenTheReportedPeerHostIsUnreachable() {
    server = DemoServer.start();
    console = RunningProcess.startJar("console-bob", ServerProcess.jar("cli/target/webassist.jar"), "console", "--text",
        "--server", server.address(), "--server-fingerprint", server.fingerprint(), "--agent", "bob", "--password-stdin");
    console.type("bob-demo");
    console.awaitLineContaining("Logged in as Bob (demo)");

    SessionLinks links = new SessionLinks(runtime, LinkOptions.builder().security(server.security())
        .directTimeout(Duration.ofSeconds(5)).build());
    PeerListener listener = links.openPeerListener("127.0.0.1").join();
    Endpoint reported = new Endpoint(UNREACHABLE_HOST, listener.endpoint().port());
    // the reported host really is unreachable: nothing listens there
    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(reported.host(), reported.port()), 1_000);
      }
    }).isInstanceOf(IOException.class);

    FrameInbox inbox = new FrameInbox();
    DispatchConnection user = DispatchConnection.builder(runtime, "127.0.0.1", server.tcpPort(), Role.USER)
        .security(server.security()).onFrame(inbox).connect().join();
    user.send(new SupportRequest("Ada", "+44 20 7946 0000", "acme-42", "http://127.0.0.1/shop/cart.html", reported,
        null, listener.fingerprint()));

    // the agent sees the IP the server saw, not the host the user reported
    assertThat(console.awaitLineContaining("OFFER")).contains("from 127.0.0.1").doesNotContain(UNREACHABLE_HOST);
    console.type("accept");
    SupportAssigned assigned = inbox.await(SupportAssigned.class);
    SessionLink link = links.acceptAsUser(listener, assigned, new SessionLink.Listener() { }).join();

    assertThat(link.path()).isEqualTo(LinkPath.DIRECT);
    console.awaitLineContaining("Linked to the user directly");
    await().untilAsserted(() -> assertThat(server.metric("sessions_link_direct")).isEqualTo(1L));
    assertThat(server.metric("sessions_link_relay")).isIn(0L, null);
  }
}
