package io.webassist.console.profile;

import io.webassist.security.pin.Fingerprints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Learns the certificate fingerprint a dispatch server presents, for the first-contact trust prompt
 * (like SSH's "authenticity of host can't be established"): one TLS handshake that accepts any
 * certificate, reads it, and closes before a byte of the protocol is sent. Nothing is trusted by
 * this: the agent compares the fingerprint and decides, and the real connection then pins it.
 * Blocking: call off the EDT.
 */
public final class FingerprintProbe {

  private FingerprintProbe() {}

  /**
   * The SHA-256 fingerprint of the certificate at {@code host:port}.
   *
   * @throws IOException if nothing answers there or it does not speak TLS
   */
  public static String fetch(String host, int port, Duration timeout) throws IOException {
    Recorder recorder = new Recorder();
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {recorder}, null);
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS is not available: " + e.getMessage(), e);
    }
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      plain.setSoTimeout((int) timeout.toMillis());
      try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
        tls.startHandshake();
      }
    }
    if (recorder.seen == null) {
      throw new IOException("the server at " + host + ":" + port + " presented no certificate");
    }
    return Fingerprints.of(recorder.seen);
  }

  /** Accepts any server certificate and keeps it; used only for the probe. */
  private static final class Recorder implements X509TrustManager {
    private volatile X509Certificate seen;

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      if (chain != null && chain.length > 0) {
        seen = chain[0];
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
