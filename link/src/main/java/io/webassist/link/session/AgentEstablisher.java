package io.webassist.link.session;

import io.netty.handler.ssl.SslContext;
import io.webassist.link.LinkException;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.link.transport.FrameChannel;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.security.pin.Fingerprints;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side: dial the user (seen IP first, then reported host) within the direct time, else
 * join the relay. In TLS mode the dial pins the user's per-session certificate
 * ({@code session.start.peerFingerprint}); a {@code session.start} without a usable fingerprint
 * means no direct link at all, straight to the relay, rather than a link to a listener nobody
 * vouched for.
 */
final class AgentEstablisher implements Establisher {
  private static final Logger LOG = LoggerFactory.getLogger(AgentEstablisher.class);

  private final LinkRuntime runtime;
  private final LinkOptions options;
  private final List<Endpoint> candidates;
  private final SslContext peerTls;
  private final Endpoint relay;
  private final String sessionId;
  private final String token;

  private AgentEstablisher(LinkRuntime runtime, LinkOptions options, List<Endpoint> candidates, SslContext peerTls,
      Endpoint relay, String sessionId, String token) {
    this.runtime = runtime;
    this.options = options;
    this.candidates = List.copyOf(candidates);
    this.peerTls = peerTls;
    this.relay = relay;
    this.sessionId = sessionId;
    this.token = token;
  }

  /**
   * The establisher for {@code start}: which endpoints may be dialled, and how.
   *
   * @throws LinkException with {@link LinkException#NO_SECURITY} if the program chose no security
   */
  static AgentEstablisher forSession(LinkRuntime runtime, LinkOptions options, SessionStart start) {
    TransportSecurity security = options.requireSecurity();
    List<Endpoint> candidates = PeerDialer.candidates(start);
    SslContext peerTls = null;
    if (!candidates.isEmpty()) {
      if (!security.isTls()) {
        security.peerContext(null); // plain, as chosen; warns once
      } else if (Fingerprints.isValid(start.peerFingerprint())) {
        peerTls = security.peerContext(start.peerFingerprint());
      } else {
        LOG.warn("session.start has {} peerFingerprint; no direct link to an unauthenticated listener, "
            + "relay only sessionId={}", start.peerFingerprint() == null ? "no" : "a malformed", start.sessionId());
        candidates = List.of();
      }
    }
    return new AgentEstablisher(runtime, options, candidates, peerTls, start.relay(), start.sessionId(),
        start.token());
  }

  /** Whether a direct dial will be tried at all (false: relay only). */
  boolean dialsDirect() {
    return !candidates.isEmpty();
  }

  @Override
  public CompletableFuture<Established> establish(Instant deadline, boolean again) {
    CompletableFuture<Established> result = new CompletableFuture<>();
    if (candidates.isEmpty()) {
      joinRelay(deadline, result);
      return result;
    }
    CompletableFuture<FrameChannel> dialling =
        PeerDialer.dialAny(runtime, options, peerTls, candidates, sessionId, token);
    Duration budget = UserEstablisher.earliest(options.directTimeout(), deadline);
    ScheduledFuture<?> timer = runtime.schedule(() -> dialling.completeExceptionally(
        new LinkException(LinkException.TIMEOUT, "direct dial took longer than " + budget.toMillis() + " ms")), budget);
    result.whenComplete((e, failure) -> dialling.cancel(false));
    dialling.whenComplete((ch, failure) -> {
      timer.cancel(false);
      if (failure == null) {
        if (!result.complete(new Established(ch, LinkPath.DIRECT))) {
          ch.close();
        }
      } else if (!result.isDone()) {
        LOG.info("no direct link, falling back to relay sessionId={} reason={}", sessionId, failure.getMessage());
        joinRelay(deadline, result);
      }
    });
    return result;
  }

  private void joinRelay(Instant deadline, CompletableFuture<Established> result) {
    if (relay == null) {
      result.completeExceptionally(new LinkException(LinkException.CONNECT_FAILED, "no relay to fall back to"));
      return;
    }
    RelayJoiner.join(runtime, options, relay, sessionId, token,
            UserEstablisher.earliest(options.establishTimeout(), deadline))
        .whenComplete((ch, failure) -> {
          if (failure != null) {
            result.completeExceptionally(failure);
          } else if (!result.complete(new Established(ch, LinkPath.RELAY))) {
            ch.close();
          }
        });
  }

  @Override
  public void close() {}
}
