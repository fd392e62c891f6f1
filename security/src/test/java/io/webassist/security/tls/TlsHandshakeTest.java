package io.webassist.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real TLS handshakes over loopback between {@link TlsContexts#server} and {@link TlsContexts#pinnedClient}. */
class TlsHandshakeTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static TlsIdentity identity;
  private static LoopbackTls loopback;
  private static InetSocketAddress server;

  @BeforeAll
  static void startServer() throws InterruptedException {
    identity = TlsIdentity.selfSigned("localhost");
    loopback = new LoopbackTls();
    server = loopback.startServer(TlsContexts.server(identity));
  }

  @AfterAll
  static void stopServer() {
    loopback.close();
  }

  @Test
  void pinnedClientCompletesTls13HandshakeAndExchangesALine() throws Exception {
    try (LoopbackTls.Client client = loopback.connect(TlsContexts.pinnedClient(identity.fingerprint()), server)) {
      assertThat(client.tls().handshakeFuture().await(WAIT.toMillis())).isTrue();
      assertThat(client.tls().handshakeFuture().isSuccess()).isTrue();
      assertThat(client.tls().engine().getSession().getProtocol()).isEqualTo("TLSv1.3");
      assertThat(TlsContexts.CIPHERS).contains(client.tls().engine().getSession().getCipherSuite());

      client.channel().writeAndFlush("hello over tls\n");

      assertThat(client.lines().poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("echo: hello over tls");
    }
  }

  @Test
  void pinAcceptsLowerCaseFingerprintWithoutColons() throws Exception {
    String plain = identity.fingerprint().replace(":", "").toLowerCase();
    try (LoopbackTls.Client client = loopback.connect(TlsContexts.pinnedClient(plain), server)) {
      assertThat(client.tls().handshakeFuture().await(WAIT.toMillis())).isTrue();
      assertThat(client.tls().handshakeFuture().isSuccess()).isTrue();
    }
  }

  @Test
  void wrongFingerprintFailsTheHandshakeAndClosesTheConnection() throws Exception {
    String other = TlsIdentity.selfSigned("localhost").fingerprint();
    try (LoopbackTls.Client client = loopback.connect(TlsContexts.pinnedClient(other), server)) {
      assertThat(client.tls().handshakeFuture().await(WAIT.toMillis())).isTrue();

      assertThat(client.tls().handshakeFuture().cause())
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("fingerprint");
      await().atMost(WAIT).until(() -> !client.channel().isOpen());
      assertThat(client.lines()).isEmpty();
    }
  }

  @Test
  void tls12ClientStillConnects() throws Exception {
    SslContext tls12 = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.2")
        .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    try (LoopbackTls.Client client = loopback.connect(tls12, server)) {
      assertThat(client.tls().handshakeFuture().await(WAIT.toMillis())).isTrue();
      assertThat(client.tls().handshakeFuture().isSuccess()).isTrue();
      assertThat(client.tls().engine().getSession().getProtocol()).isEqualTo("TLSv1.2");
      assertThat(client.tls().engine().getSession().getCipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_");
    }
  }

  @Test
  void clientWithoutForwardSecrecyIsRefused() throws Exception {
    SslContext rsaKeyExchange = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.2")
        .ciphers(List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384"))
        .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    try (LoopbackTls.Client client = loopback.connect(rsaKeyExchange, server)) {
      assertThat(client.tls().handshakeFuture().await(WAIT.toMillis())).isTrue();
      assertThat(client.tls().handshakeFuture().isSuccess()).isFalse();
    }
  }
}
