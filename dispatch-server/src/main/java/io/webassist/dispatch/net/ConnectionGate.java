package io.webassist.dispatch.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.webassist.dispatch.config.LimitsConfig;
import io.webassist.dispatch.limits.ConnectionCounter;
import io.webassist.dispatch.limits.ConnectionCounter.Admission;
import io.webassist.dispatch.limits.Limit;
import io.webassist.dispatch.limits.LimitEvents;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first stage of every TCP connection: admits it, or — over {@code maxConnectionsPerIp} or
 * {@code maxConnections} — answers {@code error{code:"too_many_connections"}} and closes it before
 * anything else runs (no connection state, no hello timer, nothing read, no TLS handshake; behind
 * TLS the refused connection is closed without the frame). Admitted connections are counted until
 * they close; each gets its {@link Connection} here, and every read is noted in it for the
 * {@link IdleSweeper} (this stage sees every read first, before TLS and the relay's forwarder).
 */
@Sharable
final class ConnectionGate extends ChannelInboundHandlerAdapter {

  static final String NAME = "connectionGate";

  private final ConnectionCounter counter;
  private final LimitEvents events;
  private final LimitsConfig limits;
  private final WritabilityGuard writability;
  /** One per event loop of the server: each connection keeps its loop's. */
  private final Map<EventLoop, Outbox> outboxes = new ConcurrentHashMap<>();

  ConnectionGate(ConnectionCounter counter, LimitEvents events, LimitsConfig limits) {
    this.counter = counter;
    this.events = events;
    this.limits = limits;
    this.writability = new WritabilityGuard(events, limits.slowConsumerTimeoutMs());
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    String ip = Connection.hostOf(ctx.channel().remoteAddress());
    Admission admission = counter.tryOpen(ip);
    if (admission == Admission.OK) {
      Outbox outbox = outboxes.computeIfAbsent(ctx.channel().eventLoop(), Outbox::new);
      ctx.channel().attr(Connection.KEY).set(new Connection(ctx.channel(), ip, outbox));
      ctx.fireChannelActive();
      return;
    }
    ctx.channel().config().setAutoRead(false);
    boolean perIp = admission == Admission.TOO_MANY_FROM_IP;
    events.hit(perIp ? Limit.CONNECTIONS_PER_IP : Limit.TOTAL_CONNECTIONS, null,
        perIp ? "maxConnectionsPerIp=" + limits.maxConnectionsPerIp() : "maxConnections=" + limits.maxConnections(), ip);
    if (ctx.pipeline().get(SslHandler.class) != null) {
      // behind TLS the error frame could only go out after the handshake this refusal is meant to save:
      // the client sees its handshake cut off instead
      ctx.close();
      return;
    }
    // from the tail, so that the frame encoder (after this stage) turns it into a line
    ctx.channel().writeAndFlush(new ErrorFrame(ErrorCode.TOO_MANY_CONNECTIONS, perIp
            ? "too many connections from your address; close one and try again"
            : "the server has too many connections; try again later"))
        .addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Connection connection = Connection.of(ctx.channel());
    if (connection != null) {
      connection.read(ctx.executor().ticker().nanoTime());
      connection.readBatchStarted();
      ctx.fireChannelRead(msg);
    } else {
      ReferenceCountUtil.release(msg); // refused: nothing it sent is looked at
    }
  }

  /**
   * What the connection's own frames answered in this read batch ({@code welcome}, {@code
   * relay.ready}) is flushed once, here, after the later stages saw the end of the batch.
   */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.fireChannelReadComplete();
    Connection connection = Connection.of(ctx.channel());
    if (connection != null) {
      connection.readBatchEnded();
    }
  }

  /**
   * The {@link WritabilityGuard}'s work, done from this stage: one pipeline stage less per
   * connection (a stage is 64 bytes of every idle connection's heap).
   */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    writability.channelWritabilityChanged(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Connection connection = Connection.of(ctx.channel());
    if (connection != null && connection.countedOut()) {
      counter.closed(connection.remoteIp());
    }
    writability.channelInactive(ctx); // cancels a slow-consumer deadline, then passes the event on
  }
}
