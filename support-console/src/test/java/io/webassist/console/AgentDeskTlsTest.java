package io.webassist.console;

import io.webassist.link.testing.TlsDispatchStub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.cobrowse.Notice;
import io.webassist.link.LinkException;
import io.webassist.link.TransportSecurity;
import io.webassist.protocol.frame.AgentLogin;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.security.tls.TlsIdentity;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The agent console over TLS (issue 6): it logs in only to the pinned dispatch server. */
class AgentDeskTlsTest {
  private final TlsDispatchStub server = new TlsDispatchStub();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theLoginGoesOnlyToThePinnedServerOverTls() {
    try (AgentDesk desk = new AgentDesk("127.0.0.1", server.port(), "alice", "alice-demo",
        TransportSecurity.pinned(server.identity.fingerprint()), new SilentView())) {
      desk.start();

      await().atMost(Duration.ofSeconds(10)).until(() -> server.received.stream().anyMatch(AgentLogin.class::isInstance));
    }
  }

  @Test
  void aDispatchServerWithAnotherCertificateFailsTheLoginWithTlsFailed() {
    String someoneElse = TlsIdentity.selfSigned("localhost").fingerprint();
    try (AgentDesk desk = new AgentDesk("127.0.0.1", server.port(), "alice", "alice-demo",
        TransportSecurity.pinned(someoneElse), new SilentView())) {
      assertThat(desk.start()).failsWithin(Duration.ofSeconds(15)).withThrowableThat()
          .havingCause().isInstanceOfSatisfying(LinkException.class,
              e -> assertThat(e.code()).isEqualTo(LinkException.TLS_FAILED));
      assertThat(server.received).isEmpty();
    }
  }

  @Test
  void withNeitherAFingerprintNorInsecureTheConsoleDoesNotStart() {
    int exit = new CommandLine(new SupportConsoleMain()).execute("--server", "127.0.0.1:" + server.port(),
        "--agent", "alice", "--password-stdin");

    assertThat(exit).isEqualTo(2);
    assertThat(server.received).isEmpty();
  }

  @Test
  void aMalformedFingerprintIsRefusedWithAReason() {
    assertThat(new CommandLine(new SupportConsoleMain()).execute("--server", "127.0.0.1:" + server.port(),
        "--agent", "alice", "--password-stdin", "--server-fingerprint", "AB:CD")).isEqualTo(2);
  }

  /** Shows nothing; the test looks at the wire. */
  private static final class SilentView implements DeskView {
    @Override
    public void status(String text) {}

    @Override
    public void offer(SupportOffer offer) {}

    @Override
    public void offerGone(String requestId, String reason) {}

    @Override
    public void sessionStarted(SessionStart start) {}

    @Override
    public void linked(String sessionId, LinkPath path) {}

    @Override
    public void chat(String sessionId, String from, String text) {}

    @Override
    public void userActivity(String sessionId, String description) {}

    @Override
    public void notice(String sessionId, Notice notice) {}

    @Override
    public void sessionEnded(String sessionId, String reason) {}
  }
}
