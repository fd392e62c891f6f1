package io.webassist.link.testing;

import io.netty.handler.ssl.SslContext;
import io.webassist.link.TransportSecurity;
import io.webassist.security.tls.TlsContexts;
import io.webassist.security.tls.TlsIdentity;

/**
 * The two ways a program may connect, for tests that run once each way, and the dispatch server's
 * test identity: {@link DispatchStub} and {@link RelayStub} present it in TLS mode, as the real
 * server presents its one identity on the dispatch port and the relay.
 */
public enum TestTls {
  TLS,
  INSECURE;

  /** The stand-in dispatch server's identity, made once per test JVM. */
  public static final TlsIdentity SERVER = TlsIdentity.selfSigned("localhost");
  private static final SslContext SERVER_CONTEXT = TlsContexts.server(SERVER);
  private static final TransportSecurity PINNED = TransportSecurity.pinned(SERVER.fingerprint());
  private static final TransportSecurity PLAIN = TransportSecurity.insecure();

  /** What a program of this mode passes to the link library. */
  public TransportSecurity security() {
    return this == TLS ? PINNED : PLAIN;
  }

  /** What the stand-in servers use in this mode: their TLS context, or null for plain TCP. */
  public SslContext serverContext() {
    return this == TLS ? SERVER_CONTEXT : null;
  }
}
