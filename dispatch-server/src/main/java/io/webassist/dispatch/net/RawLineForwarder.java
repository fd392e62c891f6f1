package io.webassist.dispatch.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;

/**
 * Stands where the frame decoder was once a relay pair is ready: each line from the line decoder
 * goes to the partner as it is, plus {@code \n}, without parsing JSON. When the partner cannot
 * take more (not writable), this side stops reading until it can — the buffers stay bounded.
 * One per channel: it remembers its partner.
 */
final class RawLineForwarder extends ChannelInboundHandlerAdapter {

  private static final byte[] NEWLINE = {'\n'};

  private volatile Channel partner;
  private boolean unflushed;

  void partner(Channel value) {
    partner = value;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Channel to = partner;
    if (!(msg instanceof ByteBuf line) || to == null || !to.isActive()) {
      ReferenceCountUtil.release(msg); // nobody to forward to: the line is dropped
      return;
    }
    to.write(Unpooled.wrappedBuffer(line, Unpooled.wrappedBuffer(NEWLINE)), to.voidPromise());
    unflushed = true;
    if (!to.isWritable()) {
      ctx.channel().config().setAutoRead(false);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    Channel to = partner;
    if (unflushed && to != null) {
      to.flush();
    }
    unflushed = false;
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    Channel from = partner;
    if (ctx.channel().isWritable() && from != null) {
      from.config().setAutoRead(true); // the partner may send again: we can take it
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      ctx.channel().writeAndFlush(new ErrorFrame(ErrorCode.FRAME_TOO_LARGE, "relayed line too long; closing"))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.fireExceptionCaught(cause);
  }
}
