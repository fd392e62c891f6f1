package io.webassist.security.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.FingerprintTrustManagerFactory;
import io.webassist.security.pin.Fingerprints;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The one way WebAssist programs make TLS contexts, so that every connection (dispatch, relay,
 * direct peer link) has the same protocols, ciphers and trust rules:
 * <ul>
 *   <li>the JDK provider, set explicitly: with {@code netty-tcnative} on the class path Netty would
 *       otherwise switch to OpenSSL silently;</li>
 *   <li>TLS 1.3 and 1.2 only, forward-secret AEAD ciphers only (Netty's defaults still include
 *       {@code TLS_RSA_*});</li>
 *   <li>clients trust exactly one pinned certificate fingerprint and no certificate authority, and do
 *       not check the host name, because the server's self-signed certificate need not name the
 *       address the client dialled (a user behind NAT, a server known by several names); the pin
 *       already proves who answered.</li>
 * </ul>
 * Contexts are immutable and expensive to build: build one per identity or pin and share it.
 */
public final class TlsContexts {

  /** Name of the TLS stage, first in every pipeline. */
  public static final String STAGE = "tls";
  /** How long a peer may take to finish the handshake before the connection is closed. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
  /** Forward-secret AEAD suites; ECDSA for our own certificates, RSA for operator-supplied ones. */
  public static final List<String> CIPHERS = List.of(
      "TLS_AES_128_GCM_SHA256",
      "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private TlsContexts() {}

  /** A server context presenting {@code identity}. */
  public static SslContext server(TlsIdentity identity) {
    try {
      return restrict(SslContextBuilder.forServer(identity.privateKey(),
              identity.chain().toArray(new X509Certificate[0])))
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build a server TLS context for " + identity, e);
    }
  }

  /**
   * A client context that accepts only the server whose leaf certificate has {@code fingerprint}
   * (any form {@link Fingerprints#normalize} accepts).
   *
   * @throws IllegalArgumentException if the fingerprint is malformed
   */
  public static SslContext pinnedClient(String fingerprint) {
    String pin = Fingerprints.normalize(fingerprint);
    try {
      return restrict(SslContextBuilder.forClient())
          .trustManager(FingerprintTrustManagerFactory.builder("SHA-256").fingerprints(pin).build())
          .endpointIdentificationAlgorithm(null)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build a pinned client TLS context", e);
    }
  }

  /**
   * Puts a new {@link SslHandler} for {@code context} first in {@code channel}'s pipeline as
   * {@value #STAGE}, with {@link #DEFAULT_HANDSHAKE_TIMEOUT}; call it from a channel initializer on
   * either side. A {@code FlushConsolidationHandler}, if any, belongs in front of it (its javadoc
   * says so): add that with {@code addFirst} afterwards.
   *
   * @return the handler, whose {@link SslHandler#handshakeFuture()} says when the peer is known
   */
  public static SslHandler addFirst(Channel channel, SslContext context) {
    return addFirst(channel, context, DEFAULT_HANDSHAKE_TIMEOUT);
  }

  /** As {@link #addFirst(Channel, SslContext)}, with the given handshake timeout. */
  public static SslHandler addFirst(Channel channel, SslContext context, Duration handshakeTimeout) {
    SslHandler handler = context.newHandler(channel.alloc());
    handler.setHandshakeTimeout(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    channel.pipeline().addFirst(STAGE, handler);
    return handler;
  }

  private static SslContextBuilder restrict(SslContextBuilder builder) {
    return builder
        .sslProvider(SslProvider.JDK)
        .protocols(PROTOCOLS)
        .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
  }
}
