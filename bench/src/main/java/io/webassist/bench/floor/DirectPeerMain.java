package io.webassist.bench.floor;

import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.link.session.PeerListener;
import io.webassist.link.session.SessionLink;
import io.webassist.link.session.SessionLinks;
import io.webassist.protocol.frame.AgentRef;
import io.webassist.protocol.frame.CobrowseInput;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.SessionEvent;
import io.webassist.protocol.frame.SupportAssigned;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The user's side of {@code n} direct peer links, in its own JVM, built from the real {@code link}
 * library exactly as the assist client uses it: a {@link PeerListener} per session admits the
 * agent's {@code peer.hello} with the session token, and a {@link SessionLink} echoes every
 * {@code cobrowse.input} it receives back as a new event (decoded, sequenced, re-encoded). The
 * generator plays the agent. Prints {@code peer <i> <port> <sessionId> <token>} per session, then
 * {@code peers ready <n>}; runs until killed.
 */
public final class DirectPeerMain {

  private DirectPeerMain() {}

  /** Answers every {@code cobrowse.input} with the same field and value, as the bench's peer does. */
  public static final SessionLink.Listener ECHO = new SessionLink.Listener() {
    @Override
    public void onEvent(SessionLink link, SessionEvent event) {
      if (event instanceof CobrowseInput in) {
        link.send(new CobrowseInput(in.field(), in.value()));
      }
    }
  };

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    LinkOptions options = LinkOptions.builder()
        .directTimeout(Duration.ofMinutes(5))   // the generator dials as soon as it reads the port
        .establishTimeout(Duration.ofMinutes(5))
        .security(TransportSecurity.insecure()) // plain TCP like the floor; TLS cost: docs/BENCHMARKS.md
        .build();
    try (LinkRuntime runtime = LinkRuntime.create()) {
      SessionLinks links = new SessionLinks(runtime, options);
      SessionLink.Listener echo = ECHO;
      for (int i = 0; i < n; i++) {
        PeerListener listener = links.openPeerListener("127.0.0.1").join();
        String sessionId = "s-bench-" + i;
        String token = UUID.randomUUID().toString();
        SupportAssigned assigned = new SupportAssigned("r-bench-" + i, sessionId, token,
            new AgentRef("bench-agent", "Bench agent"), new Endpoint("127.0.0.1", 9), List.of("127.0.0.1"));
        links.acceptAsUser(listener, assigned, echo);
        System.out.println("peer " + i + " " + listener.endpoint().port() + " " + sessionId + " " + token);
      }
      System.out.println("peers ready " + n);
      System.out.flush();
      new CountDownLatch(1).await(); // until the benchmark stops this process
    }
  }
}
