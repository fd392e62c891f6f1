package io.webassist.dispatch.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.webassist.dispatch.config.LimitsConfig;
import io.webassist.dispatch.limits.LimitGuards;
import io.webassist.protocol.codec.FrameEncoder;
import io.webassist.protocol.codec.NdjsonCodec;
import io.webassist.security.tls.TlsContexts;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of every TCP connection (users, agents, relay): admission, TLS (unless the server
 * runs with {@code --insecure}), NDJSON out, NDJSON in with the per-connection limits, and the
 * handshake, which after {@code hello} hands frames to the declared role's handler. Four stages
 * (five with TLS), all shared: every stage is a context of 64 bytes on every connection, idle
 * or not, so nothing is a stage of its own that can be a call from another one.
 */
public final class TcpInitializer extends ChannelInitializer<Channel> {

  private final ServerContext context;
  private final SslContext tls;
  private final HandshakeHandler handshake;
  private final ConnectionGate gate;
  private final FrameReader reader;

  /**
   * @param tls the server's TLS context, shared by all connections; null for plain TCP
   *     ({@code --insecure})
   */
  public TcpInitializer(ServerContext context, SslContext tls) {
    this.context = context;
    this.tls = tls;
    this.handshake = new HandshakeHandler(context);
    LimitGuards limits = context.limits();
    this.gate = new ConnectionGate(limits.connections(), limits.events(), limits.config());
    LimitsConfig config = context.config().limits();
    this.reader = new FrameReader(limits::newFrameRateLimiter, limits.events(), config.framesPerSecond(),
        config.maxLineLength());
  }

  @Override
  protected void initChannel(Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    LimitsConfig limits = context.config().limits();
    // over maxConnectionsPerIp or maxConnections → refused before anything else, even before the TLS
    // handshake, so that a refused connection costs no cryptography. The same stage notes every read for
    // the idle timeout (nothing read for idleTimeoutMs → the IdleSweeper fires an IdleStateEvent, answered
    // by the handshake stage with idle_timeout and a close: one sweep per event loop, no timer or stage per
    // connection) and guards writability (not writable for slowConsumerTimeoutMs → closed; while not
    // writable, nothing is read from it)
    pipeline.addLast(ConnectionGate.NAME, gate);
    if (tls != null) {
      // TLS, which clients pin; the handshake must end within helloTimeoutMs, the time a client has for hello
      // anyway; plain text or a failed handshake → the SslHandler closes, LastHandler logs one DEBUG line
      SslHandler ssl = tls.newHandler(channel.alloc());
      ssl.setHandshakeTimeout(limits.helloTimeoutMs(), TimeUnit.MILLISECONDS);
      pipeline.addLast(TlsContexts.STAGE, ssl);
    }
    // frame → JSON line (relayed bytes pass untouched); before the reader, so its error answers are encoded too
    pipeline.addLast(NdjsonCodec.FRAME_ENCODER, FrameEncoder.INSTANCE);
    // bytes → lines → frames: a line over the limit (frame_too_large + close), frames per second
    // (rate_limited) before any JSON is parsed, bad lines answered with error frames
    pipeline.addLast(FrameReader.NAME, reader);
    // hello first (within helloTimeoutMs), ping → pong, then the declared role's frames to its handler;
    // the last stage: every exception ends here, logged, never shown to the client as a stack trace
    pipeline.addLast(HandshakeHandler.NAME, handshake);
  }
}
