package io.webassist.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.webassist.protocol.frame.Frame;

/** Writes a frame as one compact JSON object and a {@code \n}. Stateless: share {@link #INSTANCE}. */
@Sharable
public final class FrameEncoder extends MessageToByteEncoder<Frame> {

  public static final FrameEncoder INSTANCE = new FrameEncoder();

  private FrameEncoder() {
    super(Frame.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
    FrameMapper.INSTANCE.write(frame, out);
    out.writeByte('\n');
  }
}
