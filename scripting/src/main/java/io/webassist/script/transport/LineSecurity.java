package io.webassist.script.transport;

import io.netty.handler.ssl.SslContext;
import io.webassist.security.pin.Fingerprints;
import io.webassist.security.tls.TlsContexts;

/**
 * How the scripting tool's connections are protected, as every WebAssist program's are (issue 6):
 * {@link #pinned} ({@code --server-fingerprint FP}) is TLS everywhere, with connections to the
 * dispatch server and its relay trusting only that certificate, each {@code dial} pinning the
 * fingerprint the step gives, and each {@code listen} presenting a fresh certificate of its own;
 * {@link #insecure} ({@code --insecure}) is plain TCP everywhere.
 */
public final class LineSecurity {

  private final String serverFingerprint;
  private final SslContext serverPin;

  private LineSecurity(String serverFingerprint, SslContext serverPin) {
    this.serverFingerprint = serverFingerprint;
    this.serverPin = serverPin;
  }

  /**
   * TLS, trusting only the dispatch server whose certificate has {@code serverFingerprint}.
   *
   * @throws IllegalArgumentException if the fingerprint is malformed
   */
  public static LineSecurity pinned(String serverFingerprint) {
    String pin = Fingerprints.normalize(serverFingerprint);
    return new LineSecurity(pin, TlsContexts.pinnedClient(pin));
  }

  /** Plain TCP: nothing encrypted, nobody authenticated. */
  public static LineSecurity insecure() {
    return new LineSecurity(null, null);
  }

  public boolean isTls() {
    return serverPin != null;
  }

  /** The pinned server fingerprint, canonical; null when insecure. */
  public String serverFingerprint() {
    return serverFingerprint;
  }

  /** Client context for the dispatch server and its relay; null when insecure. */
  SslContext serverContext() {
    return serverPin;
  }

  @Override
  public String toString() {
    return isTls() ? "TLS pinned to " + serverFingerprint : "insecure (plain TCP)";
  }
}
