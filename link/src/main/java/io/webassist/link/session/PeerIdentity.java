package io.webassist.link.session;

import io.netty.handler.ssl.SslContext;
import io.webassist.security.tls.TlsContexts;
import io.webassist.security.tls.TlsIdentity;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The TLS identity of one session's peer listener: a fresh EC key pair and self-signed certificate,
 * never reused, and the server context presenting it. Made on a thread of its own, never on an
 * event loop or the link thread: the first one in a JVM takes a few hundred milliseconds.
 */
record PeerIdentity(TlsIdentity identity, SslContext context) {

  private static final Executor MAKER = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "webassist-peer-identity");
    thread.setDaemon(true);
    return thread;
  });

  static CompletableFuture<PeerIdentity> create() {
    return CompletableFuture.supplyAsync(() -> {
      TlsIdentity identity = TlsIdentity.ephemeral();
      return new PeerIdentity(identity, TlsContexts.server(identity));
    }, MAKER);
  }

  String fingerprint() {
    return identity.fingerprint();
  }
}
