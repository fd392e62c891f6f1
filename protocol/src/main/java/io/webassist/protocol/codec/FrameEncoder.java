package io.webassist.protocol.codec;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;
import io.webassist.protocol.frame.Frame;

/**
 * Writes a frame as one compact JSON object and a {@code \n}, in a buffer of the line's size;
 * anything else (a relayed line's bytes) passes untouched. Stateless: share {@link #INSTANCE}.
 */
@Sharable
public final class FrameEncoder extends ChannelOutboundHandlerAdapter {

  public static final FrameEncoder INSTANCE = new FrameEncoder();

  private FrameEncoder() {}

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof Frame frame)) {
      ctx.write(msg, promise);
      return;
    }
    try {
      ctx.write(FrameMapper.INSTANCE.writeLine(frame, ctx.alloc()), promise);
    } catch (RuntimeException e) {
      throw new EncoderException(e); // fails the write's promise, as Netty's encoders do
    }
  }
}
