package io.webassist.console;

import io.webassist.link.testing.TlsDispatchStub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.link.TransportSecurity;
import io.webassist.protocol.frame.AgentLogin;
import io.webassist.security.tls.TlsIdentity;
import java.time.Clock;
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
    try (AgentDesk desk = new AgentDesk(new AgentDesk.Login("127.0.0.1", server.port(), "alice", "alice-demo",
        TransportSecurity.pinned(server.identity.fingerprint()), 3), Runnable::run, Clock.systemUTC())) {
      desk.start();

      await().atMost(Duration.ofSeconds(10)).until(() -> server.received.stream().anyMatch(AgentLogin.class::isInstance));
    }
  }

  @Test
  void aDispatchServerWithAnotherCertificateFailsTheLoginWithTlsFailed() {
    String someoneElse = TlsIdentity.selfSigned("localhost").fingerprint();
    try (AgentDesk desk = new AgentDesk(new AgentDesk.Login("127.0.0.1", server.port(), "alice", "alice-demo",
        TransportSecurity.pinned(someoneElse), 3), Runnable::run, Clock.systemUTC())) {
      assertThat(desk.start()).failsWithin(Duration.ofSeconds(15)).withThrowableThat()
          .havingCause().isInstanceOfSatisfying(LoginFailure.class,
              e -> assertThat(e.kind()).isEqualTo(LoginFailure.Kind.UNTRUSTED_CERTIFICATE));
      assertThat(server.received).isEmpty();
    }
  }

  @Test
  void withNeitherAFingerprintNorInsecureTheConsoleDoesNotStart() {
    int exit = new CommandLine(new SupportConsoleMain()).execute("--server", "127.0.0.1:" + server.port(),
        "--agent", "alice", "--password-stdin", "--text");

    assertThat(exit).isEqualTo(2);
    assertThat(server.received).isEmpty();
  }

  @Test
  void aMalformedFingerprintIsRefusedWithAReason() {
    assertThat(new CommandLine(new SupportConsoleMain()).execute("--server", "127.0.0.1:" + server.port(),
        "--agent", "alice", "--password-stdin", "--text", "--server-fingerprint", "AB:CD")).isEqualTo(2);
  }
}
