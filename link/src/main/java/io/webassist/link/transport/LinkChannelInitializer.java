package io.webassist.link.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.protocol.codec.NdjsonCodec;
import io.webassist.security.tls.TlsContexts;
import java.time.Duration;

/**
 * The one pipeline of every WebAssist client-side connection: to the dispatch server, to the relay,
 * the agent's dial to the user and the connections the user's peer listener accepts. Only the
 * TLS context (client pinned to a fingerprint, server with the listener's identity, or none for
 * plain TCP) and the first owner ({@link FrameSink}) differ.
 */
public final class LinkChannelInitializer extends ChannelInitializer<Channel> {
  public static final String TLS = TlsContexts.STAGE;
  public static final String IDLE = "idle";
  public static final String KEEP_ALIVE = "keepAlive";
  public static final String BRIDGE = "bridge";

  private final LinkRuntime runtime;
  private final LinkOptions options;
  private final SslContext tls;
  private final FrameSink firstOwner;

  /**
   * @param tls the connection's TLS context, or null for plain TCP
   * @param firstOwner receives the connection's first frames, until it hands the channel on
   */
  public LinkChannelInitializer(LinkRuntime runtime, LinkOptions options, SslContext tls, FrameSink firstOwner) {
    this.runtime = runtime;
    this.options = options;
    this.tls = tls;
    this.firstOwner = firstOwner;
  }

  @Override
  protected void initChannel(Channel ch) {
    ch.attr(FrameChannel.KEY).set(new FrameChannel(ch, runtime, options.outboundHardLimitBytes(), firstOwner));
    ChannelPipeline p = ch.pipeline();
    if (tls != null) {
      // encryption and peer authentication first, so everything after sees plain lines; a peer
      // that does not finish the handshake in the hand-shake time is closed
      TlsContexts.addFirst(ch, tls, options.handshakeTimeout());
    }
    // lineDecoder, frameDecoder, frameEncoder: NDJSON lines ↔ frames, bad lines answered with error
    NdjsonCodec.addTo(p, options.maxLineLength());
    // silence detection: our silence → ping, the other side's silence → close
    p.addLast(IDLE, idleHandler(options.pingInterval(), options.idleTimeout()));
    // ping → pong, pong swallowed, idle events acted on
    p.addLast(KEEP_ALIVE, KeepAliveHandler.INSTANCE);
    // frames, bad lines and the close handed to the owner on the link thread
    p.addLast(BRIDGE, new FrameBridge());
  }

  /** Replaces the keep-alive timing, e.g. once the dispatch server announced its idle timeout. */
  public static void retime(Channel ch, Duration pingInterval, Duration idleTimeout) {
    ch.pipeline().replace(IDLE, IDLE, idleHandler(pingInterval, idleTimeout));
  }

  private static SilenceTimer idleHandler(Duration pingInterval, Duration idleTimeout) {
    return new SilenceTimer(pingInterval, idleTimeout);
  }
}
