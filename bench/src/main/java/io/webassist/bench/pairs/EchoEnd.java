package io.webassist.bench.pairs;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.webassist.bench.load.LineChannel;

/** The far end of a pair inside the generator: sends every line straight back the way it came. */
public final class EchoEnd implements LineChannel.Listener {

  private static final byte[] NEWLINE = {'\n'};

  @Override
  public void onLine(ChannelHandlerContext ctx, ByteBuf line) {
    ctx.writeAndFlush(Unpooled.wrappedBuffer(line.retain(), Unpooled.wrappedBuffer(NEWLINE)), ctx.voidPromise());
  }
}
