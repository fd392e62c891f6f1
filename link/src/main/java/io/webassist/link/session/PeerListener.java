package io.webassist.link.session;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.webassist.link.LinkException;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.link.transport.Connector;
import io.webassist.link.transport.FrameChannel;
import io.webassist.link.transport.FrameSink;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.PeerHello;
import io.webassist.protocol.frame.PeerWelcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's peer listener (claims 88, 91, 96): opened before {@code support.request} so its
 * {@link #endpoint()} can go in the request, it admits exactly one agent per round. The first line
 * of every accepted connection must be {@code peer.hello} with the session's id and token, compared
 * in constant time, within the hand-shake time. Anything else gets {@code error{bad_token}} (no
 * hello in time: {@code error{hello_timeout}}) and is closed, and the listener keeps waiting. A
 * hello that arrives before the credentials are known ({@code support.assigned} still on its way)
 * is held until they are, or until its hand-shake time runs out. Once the agent is in, the
 * listening socket is closed, so a replayed token finds nobody; it reopens on the same port only
 * while the session link recovers. All state lives on the link thread.
 *
 * <p>In TLS mode ({@link TransportSecurity#isTls()}) the listener presents a certificate made for it
 * alone, fresh for each listener (that is, each session); its {@link #fingerprint()} goes in
 * {@code support.request.peerFingerprint}, the dispatch server passes it to the agent in
 * {@code session.start.peerFingerprint}, and the agent pins it. In insecure mode it is plain TCP
 * and {@link #fingerprint()} is null.
 */
public final class PeerListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeerListener.class);

  private final LinkRuntime runtime;
  private final LinkOptions options;
  private final String bindHost;
  private final String advertisedHost;
  private final PeerIdentity identity;
  private final Admission admission = new Admission();
  private final Map<FrameChannel, Pending> pending = new LinkedHashMap<>();

  private volatile Endpoint endpoint;
  private volatile Channel server;
  private String sessionId;
  private byte[] expected;
  private CompletableFuture<FrameChannel> round;
  private boolean closed;

  private PeerListener(LinkRuntime runtime, LinkOptions options, String bindHost, String advertisedHost,
      PeerIdentity identity) {
    this.runtime = runtime;
    this.options = options;
    this.bindHost = bindHost;
    this.advertisedHost = advertisedHost;
    this.identity = identity;
  }

  /** Listens on {@code bindHost}, any free port; the endpoint reports {@code bindHost} (see the other overload). */
  public static CompletableFuture<PeerListener> open(LinkRuntime runtime, LinkOptions options, String bindHost) {
    return open(runtime, options, bindHost, 0, null);
  }

  /**
   * Listens on {@code bindHost:port} (0: any free port). The reported endpoint host is
   * {@code advertisedHost} if given, else {@code bindHost}, or, for a wildcard bind, this machine's
   * address (the agent dials the IP the server saw first anyway). In TLS mode a fresh identity is
   * made first, off the link thread. Completes on the link thread.
   */
  public static CompletableFuture<PeerListener> open(
      LinkRuntime runtime, LinkOptions options, String bindHost, int port, String advertisedHost) {
    TransportSecurity security;
    try {
      security = options.requireSecurity();
    } catch (LinkException e) {
      return CompletableFuture.failedFuture(e);
    }
    String host = advertisedHost != null ? advertisedHost : reportableHost(bindHost);
    CompletableFuture<PeerIdentity> identity = security.isTls()
        ? PeerIdentity.create()
        : CompletableFuture.completedFuture(null);
    if (!security.isTls()) {
      security.peerContext(null); // plain, as chosen; warns once
    }
    return identity.thenCompose(made -> {
      PeerListener listener = new PeerListener(runtime, options, bindHost, host, made);
      return Connector.listen(runtime, options, listener.tls(), new InetSocketAddress(bindHost, port),
              listener.admission)
          .thenApply(listener::bound);
    });
  }

  private SslContext tls() {
    return identity == null ? null : identity.context();
  }

  private PeerListener bound(Channel listening) {
    server = listening;
    endpoint = new Endpoint(advertisedHost, ((InetSocketAddress) listening.localAddress()).getPort());
    LOG.info("peer listener open endpoint={} tls={} fingerprint={}", endpoint, identity != null, fingerprint());
    return this;
  }

  private static String reportableHost(String bindHost) {
    try {
      InetAddress address = InetAddress.getByName(bindHost);
      if (!address.isAnyLocalAddress()) {
        return address.getHostAddress();
      }
      return InetAddress.getLocalHost().getHostAddress();
    } catch (UnknownHostException e) {
      return bindHost;
    }
  }

  /** The host and port to report in {@code support.request.peer}. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /**
   * SHA-256 fingerprint of this listener's certificate, for {@code support.request.peerFingerprint};
   * null in insecure mode.
   */
  public String fingerprint() {
    return identity == null ? null : identity.fingerprint();
  }

  /** Whether the listening socket is open. */
  public boolean isListening() {
    Channel current = server;
    return current != null && current.isActive();
  }

  /** Stops listening for good and refuses whoever is still in the hand-shake. */
  @Override
  public void close() {
    runtime.onLinkThread(() -> {
      closed = true;
      stopListening();
      if (round != null) {
        round.completeExceptionally(new LinkException(LinkException.CLOSED, "peer listener closed"));
      }
    });
  }

  // ---------------------------------------------------------------- used by the user-side linker

  /** Starts a round: the next valid {@code peer.hello} for these credentials completes the future. Link thread. */
  CompletableFuture<FrameChannel> admit(String sessionId, String token) {
    this.sessionId = sessionId;
    this.expected = token.getBytes(StandardCharsets.UTF_8);
    this.round = new CompletableFuture<>();
    CompletableFuture<FrameChannel> thisRound = round;
    for (Map.Entry<FrameChannel, Pending> held : Map.copyOf(pending).entrySet()) {
      if (held.getValue().hello != null) {
        verify(held.getKey(), held.getValue().hello);
      }
    }
    return thisRound;
  }

  /** Closes the listening socket and refuses pending hand-shakes (end of a round). Link thread. */
  void stopListening() {
    Channel current = server;
    server = null;
    if (current != null) {
      current.close();
    }
    for (FrameChannel ch : Map.copyOf(pending).keySet()) {
      refuse(ch, ErrorCode.BAD_TOKEN, "not accepting peer connections now");
    }
  }

  /** Listens again on the same port, for a link that is being re-established. Link thread. */
  CompletableFuture<Void> reopen() {
    if (closed) {
      return CompletableFuture.failedFuture(new LinkException(LinkException.CLOSED, "peer listener closed"));
    }
    if (isListening()) {
      return CompletableFuture.completedFuture(null);
    }
    return Connector.listen(runtime, options, tls(), new InetSocketAddress(bindHost, endpoint.port()), admission)
        .thenAccept(reopened -> {
          if (closed) {
            reopened.close();
          } else {
            server = reopened;
            LOG.info("peer listener reopened endpoint={}", endpoint);
          }
        });
  }

  /** Connections whose valid-looking hello waits for the credentials. Link thread; for tests. */
  int heldHellos() {
    return (int) pending.values().stream().filter(p -> p.hello != null).count();
  }

  // ---------------------------------------------------------------- admission of one connection

  private void verify(FrameChannel ch, PeerHello hello) {
    boolean sessionMatches = MessageDigest.isEqual(
        hello.sessionId().getBytes(StandardCharsets.UTF_8), sessionId.getBytes(StandardCharsets.UTF_8));
    boolean tokenMatches = MessageDigest.isEqual(hello.token().getBytes(StandardCharsets.UTF_8), expected);
    if (!(sessionMatches & tokenMatches)) {
      refuse(ch, ErrorCode.BAD_TOKEN, "wrong session or token");
      return;
    }
    if (round == null || round.isDone()) {
      refuse(ch, ErrorCode.BAD_TOKEN, "session already linked");
      return;
    }
    Pending admitted = pending.remove(ch);
    admitted.timer.cancel(false);
    ch.handOff();
    ch.send(new PeerWelcome(sessionId));
    LOG.info("agent admitted sessionId={} remote={}", sessionId, ch.remote());
    round.complete(ch);
    stopListening();
  }

  private void refuse(FrameChannel ch, String code, String message) {
    Pending refused = pending.remove(ch);
    if (refused != null) {
      refused.timer.cancel(false);
    }
    LOG.info("peer connection refused remote={} code={} reason={}", ch.remote(), code, message);
    ch.sendAndClose(new ErrorFrame(code, message));
  }

  private static final class Pending {
    ScheduledFuture<?> timer;
    PeerHello hello;
  }

  /** Owner of every accepted connection until it is admitted or refused. */
  private final class Admission implements FrameSink {
    @Override
    public void onOpen(FrameChannel ch) {
      if (server == null) {
        refuse(ch, ErrorCode.BAD_TOKEN, "not accepting peer connections now");
        return;
      }
      Pending entry = new Pending();
      entry.timer = runtime.schedule(() -> {
        if (pending.containsKey(ch)) {
          refuse(ch, ErrorCode.HELLO_TIMEOUT, "no valid peer.hello within "
              + options.handshakeTimeout().toMillis() + " ms");
        }
      }, options.handshakeTimeout());
      pending.put(ch, entry);
    }

    @Override
    public void onFrame(FrameChannel ch, Frame frame) {
      Pending entry = pending.get(ch);
      if (entry == null) {
        return;
      }
      if (!(frame instanceof PeerHello hello) || entry.hello != null) {
        refuse(ch, ErrorCode.BAD_TOKEN, "first line must be peer.hello");
      } else if (expected == null) {
        entry.hello = hello; // credentials not known yet: wait for support.assigned, within the hand-shake time
      } else {
        verify(ch, hello);
      }
    }

    @Override
    public void onBadLine(FrameChannel ch, String code) {
      if (pending.containsKey(ch)) {
        refuse(ch, ErrorCode.BAD_TOKEN, "first line must be peer.hello");
      }
    }

    @Override
    public void onClosed(FrameChannel ch) {
      Pending gone = pending.remove(ch);
      if (gone != null) {
        gone.timer.cancel(false);
      }
    }
  }
}
