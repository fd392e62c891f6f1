package io.webassist.client;

import io.webassist.link.testing.TlsDispatchStub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.ssl.util.FingerprintTrustManagerFactory;
import io.webassist.link.LinkException;
import io.webassist.link.TransportSecurity;
import io.webassist.protocol.frame.SupportRequest;
import io.webassist.security.pin.Fingerprints;
import io.webassist.security.tls.TlsIdentity;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The assist client over TLS (issue 6): it trusts only the pinned dispatch server, and its request
 * carries the fingerprint of the certificate its peer listener presents, made for this session.
 */
class AssistClientTlsTest {
  private final TlsDispatchStub server = new TlsDispatchStub();
  private final AssistRequest request = new AssistRequest("127.0.0.1", server.port(), "https://shop.example/cart",
      "acme-42", null, "Ada", null, "127.0.0.1");

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theRequestCarriesTheFingerprintOfTheCertificateThePeerListenerPresents() throws Exception {
    try (AssistClient client = new AssistClient(request,
        TransportSecurity.pinned(server.identity.fingerprint()), new RecordingView())) {
      client.start().get(15, TimeUnit.SECONDS);

      await().atMost(Duration.ofSeconds(5)).until(() -> server.received.stream().anyMatch(SupportRequest.class::isInstance));
      SupportRequest sent = server.received.stream().filter(SupportRequest.class::isInstance)
          .map(SupportRequest.class::cast).findFirst().orElseThrow();
      assertThat(Fingerprints.isValid(sent.peerFingerprint())).isTrue();
      assertThat(sent.peerFingerprint()).isNotEqualTo(server.identity.fingerprint());
      // what the agent will do: a handshake with the listener pinned to that fingerprint succeeds
      assertThat(handshakeProtocol(sent.peer().host(), sent.peer().port(), sent.peerFingerprint())).isEqualTo("TLSv1.3");
    }
  }

  @Test
  void aDispatchServerWithAnotherCertificateIsRefusedWithTlsFailed() {
    String someoneElse = TlsIdentity.selfSigned("localhost").fingerprint();
    try (AssistClient client = new AssistClient(request, TransportSecurity.pinned(someoneElse), new RecordingView())) {
      assertThat(client.start()).failsWithin(Duration.ofSeconds(15)).withThrowableThat()
          .havingCause().isInstanceOfSatisfying(LinkException.class,
              e -> assertThat(e.code()).isEqualTo(LinkException.TLS_FAILED));
      assertThat(server.received).isEmpty();
    }
  }

  @Test
  void withNeitherAFingerprintNorInsecureTheClientDoesNotStart() {
    int exit = new CommandLine(new AssistClientMain()).execute("--server", "127.0.0.1:" + server.port(),
        "--page-url", "https://shop.example/cart", "--name", "Ada");

    assertThat(exit).isEqualTo(2);
    assertThat(server.received).isEmpty();
  }

  @Test
  void aFingerprintAndInsecureTogetherAreRefused() {
    int exit = new CommandLine(new AssistClientMain()).execute("--server", "127.0.0.1:" + server.port(),
        "--page-url", "https://shop.example/cart", "--name", "Ada", "--insecure",
        "--server-fingerprint", server.identity.fingerprint());

    assertThat(exit).isEqualTo(2);
  }

  private static String handshakeProtocol(String host, int port, String fingerprint) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null,
        FingerprintTrustManagerFactory.builder("SHA-256").fingerprints(fingerprint).build().getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port)) {
      socket.setSoTimeout(5000);
      socket.startHandshake();
      return socket.getSession().getProtocol();
    }
  }

  /** A view that shows nothing; the test looks at the wire. */
  private static final class RecordingView implements ClientView {
    @Override public void connection(ConnectionPhase phase) {}
    @Override public void queued(QueueSpot spot) {}
    @Override public void unavailable(io.webassist.protocol.frame.UnavailableReason reason) {}
    @Override public void refused(String code, String message) {}
    @Override public void assigned(String agentName, io.webassist.cobrowse.CobrowseSession session) {}
    @Override public void linkChanged(io.webassist.link.session.LinkState state, io.webassist.protocol.frame.LinkPath path) {}
    @Override public void notice(io.webassist.cobrowse.Notice notice) {}
    @Override public void pageChanged(String url) {}
    @Override public void ended(io.webassist.protocol.frame.EndReason reason) {}
  }
}
