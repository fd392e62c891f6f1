package io.webassist.link.session;

import io.netty.handler.ssl.SslContext;
import io.webassist.link.LinkException;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.transport.Connector;
import io.webassist.link.transport.FrameChannel;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.PeerHello;
import io.webassist.protocol.frame.PeerWelcome;
import io.webassist.protocol.frame.SessionStart;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's direct dial to the user's peer listener (claims 96, 107): first the IP address the
 * dispatch server saw with the reported port, then the host the user reported if it differs;
 * short connect timeouts, {@code peer.hello} out, {@code peer.welcome} back. In TLS mode each dial
 * pins the fingerprint of the user's per-session certificate ({@code session.start.peerFingerprint}):
 * a listener with any other certificate fails the handshake before the token is sent.
 */
public final class PeerDialer {
  private static final Logger LOG = LoggerFactory.getLogger(PeerDialer.class);

  private PeerDialer() {}

  /** Where to dial, in order; empty when the user reported no peer endpoint. */
  public static List<Endpoint> candidates(SessionStart start) {
    List<Endpoint> result = new ArrayList<>();
    Endpoint peer = start.peer();
    if (peer == null) {
      return result;
    }
    String seenIp = start.user().ip();
    if (seenIp != null && !seenIp.isBlank()) {
      result.add(new Endpoint(seenIp, peer.port()));
    }
    if (result.isEmpty() || !result.get(0).host().equals(peer.host())) {
      result.add(peer);
    }
    return result;
  }

  /** Tries each candidate in turn; completes (on the link thread) with the first welcomed link. */
  static CompletableFuture<FrameChannel> dialAny(LinkRuntime runtime, LinkOptions options, SslContext tls,
      List<Endpoint> candidates, String sessionId, String token) {
    CompletableFuture<FrameChannel> result = new CompletableFuture<>();
    dialFrom(runtime, options, tls, candidates, 0, sessionId, token, result, null);
    return result;
  }

  private static void dialFrom(LinkRuntime runtime, LinkOptions options, SslContext tls, List<Endpoint> candidates,
      int index, String sessionId, String token, CompletableFuture<FrameChannel> result, Throwable lastFailure) {
    if (result.isDone()) {
      return;
    }
    if (index >= candidates.size()) {
      result.completeExceptionally(lastFailure != null ? lastFailure
          : new LinkException(LinkException.CONNECT_FAILED, "no peer endpoint to dial"));
      return;
    }
    Endpoint target = candidates.get(index);
    CompletableFuture<FrameChannel> attempt = dial(runtime, options, tls, target, sessionId, token);
    result.whenComplete((ch, failure) -> attempt.cancel(false));
    attempt.whenComplete((ch, failure) -> {
      if (failure == null) {
        if (!result.complete(ch)) {
          ch.close();
        }
      } else {
        LOG.info("direct dial failed sessionId={} target={} reason={}", sessionId, target, failure.getMessage());
        dialFrom(runtime, options, tls, candidates, index + 1, sessionId, token, result, failure);
      }
    });
  }

  /**
   * One dial: connect within the dial timeout; then, with {@code tls}, the TLS handshake and, in
   * any case, the peer hand-shake, each within the hand-shake time.
   */
  static CompletableFuture<FrameChannel> dial(LinkRuntime runtime, LinkOptions options, SslContext tls,
      Endpoint target, String sessionId, String token) {
    Handshake handshake = new Handshake("peer hand-shake with " + target) {
      @Override
      void opening(FrameChannel ch) {
        ch.send(new PeerHello(sessionId, token));
      }

      @Override
      boolean completes(Frame frame) {
        return frame instanceof PeerWelcome welcome && welcome.sessionId().equals(sessionId);
      }
    };
    Connector.connect(runtime, options, tls, target.host(), target.port(), options.dialTimeout(), handshake)
        .whenComplete((ch, failure) -> {
          if (failure != null) {
            handshake.result.completeExceptionally(failure);
          } else {
            handshake.begin(runtime, ch, options.handshakeTimeout());
          }
        });
    return handshake.result;
  }
}
