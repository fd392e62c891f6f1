package io.webassist.dispatch.net;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.Channel;
import io.netty.handler.timeout.IdleStateHandler;
import io.webassist.protocol.codec.NdjsonCodec;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of every TCP connection (users, agents, relay): NDJSON in and out, the handshake,
 * then — after {@code hello} — the handler for the declared role, put in before the last stage.
 */
public final class TcpInitializer extends ChannelInitializer<Channel> {

  private final ServerContext context;
  private final HandshakeHandler handshake;

  public TcpInitializer(ServerContext context) {
    this.context = context;
    this.handshake = new HandshakeHandler(context);
  }

  @Override
  protected void initChannel(Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    long idleMs = context.config().limits().idleTimeoutMs();
    // nothing read for idleTimeoutMs → an IdleStateEvent, answered with idle_timeout and a close
    pipeline.addLast("idle", new IdleStateHandler(idleMs, 0, 0, TimeUnit.MILLISECONDS));
    // lineDecoder, frameDecoder, frameEncoder: bytes ↔ lines ↔ frames, bad lines answered with error frames
    NdjsonCodec.addTo(pipeline, context.config().limits().maxLineLength());
    // hello first (within helloTimeoutMs), ping → pong; adds "user", "agent" or "relay" after itself
    pipeline.addLast(HandshakeHandler.NAME, handshake);
    // frames nobody took, and every exception: logged, never shown to the client as a stack trace
    pipeline.addLast(LastHandler.NAME, LastHandler.INSTANCE);
  }
}
