package io.webassist.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/** What the contexts allow, and where the TLS stage goes, without a socket. */
class TlsContextsTest {

  private static final TlsIdentity IDENTITY = TlsIdentity.selfSigned("localhost");

  @Test
  void serverEnablesOnlyTls13And12() {
    SSLEngine engine = TlsContexts.server(IDENTITY).newEngine(ByteBufAllocator.DEFAULT);

    assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
  }

  @Test
  void serverEnablesOnlyForwardSecretAeadCiphers() {
    SSLEngine engine = TlsContexts.server(IDENTITY).newEngine(ByteBufAllocator.DEFAULT);

    assertThat(engine.getEnabledCipherSuites())
        .isNotEmpty()
        .allSatisfy(cipher -> assertThat(cipher).matches("TLS_(AES|CHACHA20)_.*|TLS_ECDHE_.*_(GCM|POLY1305)_.*"));
    assertThat(engine.getEnabledCipherSuites()).noneMatch(cipher -> cipher.startsWith("TLS_RSA_"));
  }

  @Test
  void pinnedClientEnablesOnlyTls13And12() {
    SSLEngine engine = TlsContexts.pinnedClient(IDENTITY.fingerprint()).newEngine(ByteBufAllocator.DEFAULT);

    assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isNullOrEmpty();
  }

  @Test
  void pinnedClientRefusesMalformedFingerprint() {
    assertThatThrownBy(() -> TlsContexts.pinnedClient("AB:CD"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SHA-256");
  }

  @Test
  void addFirstPutsTlsStageFirstWithHandshakeTimeout() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.pipeline().addLast("later", new io.netty.channel.ChannelInboundHandlerAdapter());
    SslContext context = TlsContexts.server(IDENTITY);

    SslHandler handler = TlsContexts.addFirst(channel, context, Duration.ofSeconds(3));

    assertThat(channel.pipeline().names().get(0)).isEqualTo(TlsContexts.STAGE);
    assertThat(channel.pipeline().get(TlsContexts.STAGE)).isSameAs(handler);
    assertThat(handler.getHandshakeTimeoutMillis()).isEqualTo(3000);
    channel.finishAndReleaseAll();
  }

  @Test
  void addFirstUsesDefaultHandshakeTimeout() {
    EmbeddedChannel channel = new EmbeddedChannel();

    SslHandler handler = TlsContexts.addFirst(channel, TlsContexts.pinnedClient(IDENTITY.fingerprint()));

    assertThat(handler.getHandshakeTimeoutMillis()).isEqualTo(TlsContexts.DEFAULT_HANDSHAKE_TIMEOUT.toMillis());
    channel.finishAndReleaseAll();
  }
}
