package io.webassist.link.session;

import io.netty.handler.ssl.SslContext;
import io.webassist.link.LinkException;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.transport.Connector;
import io.webassist.link.transport.FrameChannel;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Hello;
import io.webassist.protocol.frame.RelayJoin;
import io.webassist.protocol.frame.RelayReady;
import io.webassist.protocol.frame.Role;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Joins a session's relay on the dispatch server: {@code hello{role:"relay"}} and
 * {@code relay.join{sessionId, token}} go out together, {@code welcome} and {@code relay.joined}
 * are noted, {@code relay.ready} means the partner is there and every later line is the partner's.
 * An {@code error} ({@code bad_token}, {@code relay_full}, {@code session_ended}) fails the join.
 * The relay is the dispatch server, so the connection is protected like the dispatch connection:
 * TLS pinned to the server's fingerprint, or plain when the program chose insecure.
 */
final class RelayJoiner {
  private RelayJoiner() {}

  static CompletableFuture<FrameChannel> join(
      LinkRuntime runtime, LinkOptions options, Endpoint relay, String sessionId, String token, Duration limit) {
    SslContext tls;
    Handshake handshake = new Handshake("relay join at " + relay) {
      @Override
      void opening(FrameChannel ch) {
        ch.send(new Hello(Role.RELAY));
        ch.send(new RelayJoin(sessionId, token));
      }

      @Override
      boolean completes(Frame frame) {
        return frame instanceof RelayReady ready && ready.sessionId().equals(sessionId);
      }
    };
    try {
      tls = options.requireSecurity().dispatchContext();
    } catch (LinkException e) {
      handshake.result.completeExceptionally(e);
      return handshake.result;
    }
    Connector.connect(runtime, options, tls, relay.host(), relay.port(), options.connectTimeout(), handshake)
        .whenComplete((ch, failure) -> {
          if (failure != null) {
            handshake.result.completeExceptionally(failure);
          } else {
            handshake.begin(runtime, ch, limit);
          }
        });
    return handshake.result;
  }
}
