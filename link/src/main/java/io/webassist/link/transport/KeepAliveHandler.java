package io.webassist.link.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.webassist.protocol.frame.Ping;
import io.webassist.protocol.frame.Pong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code ping} with {@code pong} and swallows {@code pong}; on our own silence sends a
 * {@code ping}, on the other side's silence closes the connection (the owner then recovers or reports).
 */
@Sharable
final class KeepAliveHandler extends ChannelInboundHandlerAdapter {
  static final KeepAliveHandler INSTANCE = new KeepAliveHandler();
  private static final Logger LOG = LoggerFactory.getLogger(KeepAliveHandler.class);

  private KeepAliveHandler() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Ping) {
      ctx.writeAndFlush(Pong.INSTANCE, ctx.voidPromise());
    } else if (!(msg instanceof Pong)) {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.WRITER_IDLE) {
        ctx.writeAndFlush(Ping.INSTANCE, ctx.voidPromise());
      } else if (idle.state() == IdleState.READER_IDLE) {
        LOG.info("idle timeout, closing remote={}", ctx.channel().remoteAddress());
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(event);
  }
}
