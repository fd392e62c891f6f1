package io.webassist.link.session;

import io.webassist.link.LinkException;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.transport.FrameChannel;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.LinkPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The agent's side: dial the user (seen IP first, then reported host) within the direct time, else join the relay. */
final class AgentEstablisher implements Establisher {
  private static final Logger LOG = LoggerFactory.getLogger(AgentEstablisher.class);

  private final LinkRuntime runtime;
  private final LinkOptions options;
  private final List<Endpoint> candidates;
  private final Endpoint relay;
  private final String sessionId;
  private final String token;

  AgentEstablisher(LinkRuntime runtime, LinkOptions options, List<Endpoint> candidates, Endpoint relay,
      String sessionId, String token) {
    this.runtime = runtime;
    this.options = options;
    this.candidates = List.copyOf(candidates);
    this.relay = relay;
    this.sessionId = sessionId;
    this.token = token;
  }

  @Override
  public CompletableFuture<Established> establish(Instant deadline, boolean again) {
    CompletableFuture<Established> result = new CompletableFuture<>();
    if (candidates.isEmpty()) {
      joinRelay(deadline, result);
      return result;
    }
    CompletableFuture<FrameChannel> dialling = PeerDialer.dialAny(runtime, options, candidates, sessionId, token);
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
