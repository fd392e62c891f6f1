package io.webassist.script.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webassist.script.TestLineServer;
import io.webassist.security.pin.Fingerprints;
import io.webassist.security.tls.TlsIdentity;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scripting transport's TLS (issue 6): connections to the server trust only the pinned
 * certificate, a listener has a fresh certificate of its own, and a dial pins it.
 */
class LineTransportTlsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private TestLineServer server;
  private LineTransport transport;

  @AfterEach
  void stop() {
    if (transport != null) {
      transport.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void connectToThePinnedServerCarriesLinesOverTls() throws Exception {
    server = TestLineServer.startTls(TestLineServer.Client::send);
    transport = new LineTransport(LineSecurity.pinned(server.fingerprint()));

    LineConnection connection = transport.connect("127.0.0.1", server.port(), TIMEOUT);
    connection.send("{\"type\":\"ping\"}", TIMEOUT);

    assertThat(((Inbox.Line) connection.inbox().next(TIMEOUT)).received().line()).isEqualTo("{\"type\":\"ping\"}");
  }

  @Test
  void aServerWithAnotherCertificateFailsTheConnectBeforeAnythingIsSent() throws Exception {
    server = TestLineServer.startTls(TestLineServer.Client::send);
    transport = new LineTransport(LineSecurity.pinned(TlsIdentity.selfSigned("localhost").fingerprint()));

    assertThatThrownBy(() -> transport.connect("127.0.0.1", server.port(), TIMEOUT))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("TLS handshake with 127.0.0.1:" + server.port() + " failed")
        .hasMessageContaining("unknown fingerprint");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void aPlainServerFailsATlsConnect() throws Exception {
    server = TestLineServer.start(TestLineServer.Client::send);
    transport = new LineTransport(LineSecurity.pinned(TlsIdentity.selfSigned("localhost").fingerprint()));

    assertThatThrownBy(() -> transport.connect("127.0.0.1", server.port(), Duration.ofSeconds(1)))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("TLS handshake with 127.0.0.1:" + server.port() + " failed");
  }

  @Test
  void aListenerHasItsOwnFreshCertificateAndADialPinnedToItGetsThrough() throws Exception {
    transport = new LineTransport(LineSecurity.pinned(TlsIdentity.selfSigned("localhost").fingerprint()));
    try (LineListener first = transport.listen("127.0.0.1"); LineListener second = transport.listen("127.0.0.1")) {
      assertThat(Fingerprints.isValid(first.fingerprint())).isTrue();
      assertThat(first.fingerprint()).isNotEqualTo(second.fingerprint());

      LineConnection dialer = transport.dial("127.0.0.1", first.port(), first.fingerprint(), TIMEOUT);
      dialer.send("peer.hello", TIMEOUT);
      LineConnection accepted = first.accept(TIMEOUT);

      assertThat(((Inbox.Line) accepted.inbox().next(TIMEOUT)).received().line()).isEqualTo("peer.hello");
    }
  }

  @Test
  void aDialPinnedToAnotherCertificateOrToNothingIsRefused() throws Exception {
    transport = new LineTransport(LineSecurity.pinned(TlsIdentity.selfSigned("localhost").fingerprint()));
    try (LineListener listener = transport.listen("127.0.0.1")) {
      String someoneElse = TlsIdentity.ephemeral().fingerprint();

      assertThatThrownBy(() -> transport.dial("127.0.0.1", listener.port(), someoneElse, TIMEOUT))
          .hasMessageContaining("unknown fingerprint");
      assertThatThrownBy(() -> transport.dial("127.0.0.1", listener.port(), "", TIMEOUT))
          .hasMessageContaining("needs the listener's fingerprint");
    }
  }

  @Test
  void insecureListenersHaveNoFingerprintAndDialsIgnoreThePin() throws Exception {
    transport = new LineTransport(LineSecurity.insecure());
    try (LineListener listener = transport.listen("127.0.0.1")) {
      assertThat(listener.fingerprint()).isNull();
      LineConnection dialer = transport.dial("127.0.0.1", listener.port(), "", TIMEOUT);
      assertThat(dialer.isOpen()).isTrue();
    }
  }
}
