package io.webassist.link.session;

import io.webassist.link.LinkException;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.LinkPath;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's side: wait on the peer listener for the agent's valid {@code peer.hello} until the
 * direct deadline, then close the listener and join the relay. On a retry the listener reopens on
 * the same port first, so an agent re-dialling finds it.
 */
final class UserEstablisher implements Establisher {
  private static final Logger LOG = LoggerFactory.getLogger(UserEstablisher.class);

  private final LinkRuntime runtime;
  private final LinkOptions options;
  private final PeerListener listener;
  private final Endpoint relay;
  private final String sessionId;
  private final String token;

  UserEstablisher(LinkRuntime runtime, LinkOptions options, PeerListener listener, Endpoint relay,
      String sessionId, String token) {
    this.runtime = runtime;
    this.options = options;
    this.listener = listener;
    this.relay = relay;
    this.sessionId = sessionId;
    this.token = token;
  }

  @Override
  public CompletableFuture<Established> establish(Instant deadline, boolean again) {
    CompletableFuture<Established> result = new CompletableFuture<>();
    if (listener == null) {
      joinRelay(deadline, result);
      return result;
    }
    CompletableFuture<Void> listening = again ? listener.reopen() : CompletableFuture.completedFuture(null);
    listening.whenComplete((ok, failure) -> runtime.onLinkThread(() -> {
      if (failure != null) {
        LOG.info("peer listener cannot reopen sessionId={} reason={}", sessionId, failure.getMessage());
        joinRelay(deadline, result);
      } else {
        awaitAgent(deadline, result);
      }
    }));
    return result;
  }

  private void awaitAgent(Instant deadline, CompletableFuture<Established> result) {
    CompletableFuture<io.webassist.link.transport.FrameChannel> round = listener.admit(sessionId, token);
    Duration wait = earliest(options.directTimeout(), deadline);
    ScheduledFuture<?> timer = runtime.schedule(() -> {
      if (!round.isDone()) {
        LOG.info("no direct link in time, falling back to relay sessionId={} waitedMs={}", sessionId, wait.toMillis());
        round.completeExceptionally(new LinkException(LinkException.TIMEOUT, "no agent dialled in time"));
      }
    }, wait);
    result.whenComplete((e, failure) -> round.cancel(false));
    round.whenComplete((ch, failure) -> {
      timer.cancel(false);
      if (failure == null) {
        if (!result.complete(new Established(ch, LinkPath.DIRECT))) {
          ch.close();
        }
      } else {
        listener.stopListening();
        if (!result.isDone()) {
          joinRelay(deadline, result);
        }
      }
    });
  }

  private void joinRelay(Instant deadline, CompletableFuture<Established> result) {
    if (relay == null) {
      result.completeExceptionally(new LinkException(LinkException.CONNECT_FAILED, "no relay to fall back to"));
      return;
    }
    RelayJoiner.join(runtime, options, relay, sessionId, token, earliest(options.establishTimeout(), deadline))
        .whenComplete((ch, failure) -> {
          if (failure != null) {
            result.completeExceptionally(failure);
          } else if (!result.complete(new Established(ch, LinkPath.RELAY))) {
            ch.close();
          }
        });
  }

  static Duration earliest(Duration limit, Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative()) {
      return Duration.ZERO;
    }
    return left.compareTo(limit) < 0 ? left : limit;
  }

  @Override
  public void close() {
    if (listener != null) {
      listener.close();
    }
  }
}
