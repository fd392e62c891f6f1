package io.webassist.link;

import io.netty.handler.ssl.SslContext;
import io.webassist.security.pin.Fingerprints;
import io.webassist.security.tls.TlsContexts;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a program's connections are protected (issue 6). There are exactly two choices, and a
 * program must make one ({@link LinkOptions.Builder#security}); there is no silent default:
 * <ul>
 *   <li>{@link #pinned(String)}: TLS on every connection. The dispatch server and its relay must
 *       present the certificate with the given SHA-256 fingerprint. The user's peer listener gets a
 *       fresh key pair per session and reports its fingerprint in {@code support.request}; the agent
 *       pins the fingerprint {@code session.start} carries, and never dials a user whose
 *       {@code session.start} has none (it goes to the relay instead).</li>
 *   <li>{@link #insecure()}: plain TCP everywhere, for development and for tools talking to a
 *       server started with {@code --insecure}. The first connection opened this way logs a
 *       warning.</li>
 * </ul>
 * Immutable and shareable; {@link #pinned} builds its TLS context at once, which also warms the
 * JDK's TLS machinery before the first connection.
 */
public final class TransportSecurity {
  private static final Logger LOG = LoggerFactory.getLogger(TransportSecurity.class);

  private final String serverFingerprint;
  private final SslContext serverPin;
  private final AtomicBoolean warned = new AtomicBoolean();

  private TransportSecurity(String serverFingerprint, SslContext serverPin) {
    this.serverFingerprint = serverFingerprint;
    this.serverPin = serverPin;
  }

  /**
   * TLS, trusting only the dispatch server whose certificate has {@code serverFingerprint} (as
   * {@code openssl x509 -fingerprint -sha256} or the server's start-up line prints it; colons and
   * case optional).
   *
   * @throws IllegalArgumentException if the fingerprint is missing or malformed
   */
  public static TransportSecurity pinned(String serverFingerprint) {
    String pin = Fingerprints.normalize(serverFingerprint);
    return new TransportSecurity(pin, TlsContexts.pinnedClient(pin));
  }

  /** What a program prints on standard error at every start with {@code --insecure}. */
  public static final String INSECURE_WARNING = "WARNING: --insecure: plain TCP, nothing is encrypted and the "
      + "dispatch server is not authenticated; use --server-fingerprint FP outside development";

  /**
   * The choice a command line made with {@code --server-fingerprint FP} and {@code --insecure}:
   * exactly one of them.
   *
   * @throws IllegalArgumentException saying what to give, if neither or both were given or the
   *     fingerprint is malformed
   */
  public static TransportSecurity choose(String serverFingerprint, boolean insecure) {
    boolean pinned = serverFingerprint != null && !serverFingerprint.isBlank();
    if (pinned && insecure) {
      throw new IllegalArgumentException("give either --server-fingerprint or --insecure, not both");
    }
    if (insecure) {
      return insecure();
    }
    if (!pinned) {
      throw new IllegalArgumentException("--server-fingerprint FP is required (the SHA-256 fingerprint the dispatch "
          + "server prints at start), or --insecure for plain TCP");
    }
    try {
      return pinned(serverFingerprint);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--server-fingerprint: " + e.getMessage(), e);
    }
  }

  /** Plain TCP: nothing is encrypted and nobody is authenticated. Warns once, at first use. */
  public static TransportSecurity insecure() {
    return new TransportSecurity(null, null);
  }

  /** Whether connections use TLS. */
  public boolean isTls() {
    return serverPin != null;
  }

  /** The pinned dispatch-server fingerprint in canonical form; null when insecure. */
  public String serverFingerprint() {
    return serverFingerprint;
  }

  /** The client context for the dispatch server and its relay; null when insecure (plain TCP). */
  public SslContext dispatchContext() {
    warnIfInsecure();
    return serverPin;
  }

  /**
   * The client context for a direct link to a user whose peer listener has {@code peerFingerprint};
   * null when insecure.
   *
   * @throws IllegalArgumentException in TLS mode, if the fingerprint is missing or malformed
   */
  public SslContext peerContext(String peerFingerprint) {
    if (!isTls()) {
      warnIfInsecure();
      return null;
    }
    return TlsContexts.pinnedClient(peerFingerprint);
  }

  private void warnIfInsecure() {
    if (!isTls() && warned.compareAndSet(false, true)) {
      LOG.warn("INSECURE transport: plain TCP, nothing encrypted, no server authentication "
          + "(chosen explicitly with --insecure / TransportSecurity.insecure())");
    }
  }

  @Override
  public String toString() {
    return isTls() ? "TransportSecurity[tls, server=" + serverFingerprint + "]" : "TransportSecurity[insecure]";
  }
}
