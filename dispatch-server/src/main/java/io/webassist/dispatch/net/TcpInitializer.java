package io.webassist.dispatch.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.webassist.dispatch.config.LimitsConfig;
import io.webassist.dispatch.limits.LimitGuards;
import io.webassist.protocol.codec.NdjsonCodec;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of every TCP connection (users, agents, relay): admission, NDJSON in and out with
 * the per-connection limits, the handshake, then — after {@code hello} — the handler for the
 * declared role, put in before the last stage.
 */
public final class TcpInitializer extends ChannelInitializer<Channel> {

  private final ServerContext context;
  private final HandshakeHandler handshake;
  private final ConnectionGate gate;

  public TcpInitializer(ServerContext context) {
    this.context = context;
    this.handshake = new HandshakeHandler(context);
    LimitGuards limits = context.limits();
    this.gate = new ConnectionGate(limits.connections(), limits.events(), limits.config());
  }

  @Override
  protected void initChannel(Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    LimitGuards guards = context.limits();
    LimitsConfig limits = context.config().limits();
    // over maxConnectionsPerIp or maxConnections → too_many_connections and a close, before anything else
    pipeline.addLast(ConnectionGate.NAME, gate);
    // not writable for slowConsumerTimeoutMs → closed; while not writable, nothing is read from it
    pipeline.addLast(WritabilityGuard.NAME, new WritabilityGuard(guards.events(), limits.slowConsumerTimeoutMs()));
    // nothing read for idleTimeoutMs → an IdleStateEvent, answered with idle_timeout and a close
    pipeline.addLast("idle", new IdleStateHandler(limits.idleTimeoutMs(), 0, 0, TimeUnit.MILLISECONDS));
    // frameEncoder, lineDecoder, frameDecoder: bytes ↔ lines ↔ frames, bad lines answered with error frames
    NdjsonCodec.addTo(pipeline, limits.maxLineLength());
    // every line, unparsed: frames per second (rate_limited), and a line over the limit (frame_too_large + close)
    pipeline.addAfter(NdjsonCodec.LINE_DECODER, InboundLimiter.NAME, new InboundLimiter(
        guards.newFrameRateLimiter(), guards.events(), limits.framesPerSecond(), limits.maxLineLength()));
    // hello first (within helloTimeoutMs), ping → pong; adds "user", "agent" or "relay" after itself
    pipeline.addLast(HandshakeHandler.NAME, handshake);
    // frames nobody took, and every exception: logged, never shown to the client as a stack trace
    pipeline.addLast(LastHandler.NAME, LastHandler.INSTANCE);
  }
}
