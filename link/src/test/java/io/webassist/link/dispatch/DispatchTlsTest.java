package io.webassist.link.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.link.LinkException;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.link.testing.DispatchStub;
import io.webassist.link.testing.TestTls;
import io.webassist.protocol.frame.Role;
import io.webassist.security.tls.TlsIdentity;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who the dispatch connection trusts (issue 6): only the server whose certificate has the pinned
 * fingerprint; a mismatch of any kind is a clear {@code tls_failed} before a single frame is sent,
 * and a program that chose neither TLS nor insecure connects nowhere.
 */
class DispatchTlsTest {
  private LinkRuntime runtime;
  private DispatchStub server;

  @BeforeEach
  void start() {
    runtime = LinkRuntime.create();
  }

  @AfterEach
  void stop() {
    runtime.close();
    if (server != null) {
      server.close();
    }
  }

  private CompletableFuture<DispatchConnection> connect(LinkOptions options) {
    return DispatchConnection.builder(runtime, "127.0.0.1", server.port(), Role.USER)
        .options(options.toBuilder().handshakeTimeout(Duration.ofSeconds(2)).build())
        .reconnect(Backoff.DEFAULT)
        .connect();
  }

  private static LinkException failure(CompletableFuture<?> future) {
    assertThat(future).failsWithin(Duration.ofSeconds(10));
    Throwable cause = future.handle((ok, e) -> e).join();
    assertThat(cause).isInstanceOf(LinkException.class);
    return (LinkException) cause;
  }

  @Test
  void aServerWithAnotherCertificateThanThePinnedOneFailsTheConnectWithTlsFailed() {
    server = new DispatchStub(30_000, TestTls.TLS.serverContext());
    String someoneElse = TlsIdentity.selfSigned("localhost").fingerprint();

    LinkException e = failure(connect(LinkOptions.of(TransportSecurity.pinned(someoneElse))));

    assertThat(e.code()).isEqualTo(LinkException.TLS_FAILED);
    assertThat(e.getMessage()).contains("TLS handshake with 127.0.0.1:" + server.port() + " failed");
    assertThat(e.getCause()).isNotNull();
    assertThat(server.hellos.get()).as("nothing was sent to the impostor").isZero();
  }

  @Test
  void pinningTheRightFingerprintInAnyNotationConnectsOverTls13() {
    server = new DispatchStub(30_000, TestTls.TLS.serverContext());
    String lowerCaseWithoutColons = TestTls.SERVER.fingerprint().replace(":", "").toLowerCase();

    DispatchConnection connection = connect(LinkOptions.of(TransportSecurity.pinned(lowerCaseWithoutColons))).join();

    assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(server.tlsProtocols).containsExactly("TLSv1.3");
    connection.close();
  }

  @Test
  void aPlainTextServerFailsATlsClientWithTlsFailed() {
    server = new DispatchStub(30_000);

    LinkException e = failure(connect(LinkOptions.of(TestTls.TLS.security())));

    assertThat(e.code()).isEqualTo(LinkException.TLS_FAILED);
  }

  @Test
  void anInsecureClientIsNotServedByATlsServer() {
    server = new DispatchStub(30_000, TestTls.TLS.serverContext());

    LinkException e = failure(connect(LinkOptions.of(TransportSecurity.insecure())));

    assertThat(e.code()).isEqualTo(LinkException.CLOSED);
    assertThat(server.hellos.get()).isZero();
  }

  @Test
  void withoutAChosenSecurityNothingConnects() {
    server = new DispatchStub(30_000);

    LinkException e = failure(connect(LinkOptions.DEFAULTS));

    assertThat(e.code()).isEqualTo(LinkException.NO_SECURITY);
    assertThat(e.getMessage()).contains("--server-fingerprint", "--insecure");
    assertThat(server.hellos.get()).isZero();
  }

  @Test
  void aMalformedFingerprintIsRefusedWhenTheProgramStarts() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> TransportSecurity.pinned("AB:CD"))
        .withMessageContaining("not a SHA-256 fingerprint");
  }
}
