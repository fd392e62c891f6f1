package io.webassist.bench.pairs;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.webassist.bench.load.LineChannel;
import io.webassist.bench.load.Lines;

/**
 * Turns lines arriving on an origin's connection into replies. {@code dataOnly}: on the direct
 * link the peer also sends its own frames (session.resume, ping): only {@code cobrowse.input}
 * lines count, a ping is answered.
 */
public final class NdjsonOrigin implements LineChannel.Listener {

  private static final ByteBuf DATA = Lines.needle("cobrowse.input");
  private static final ByteBuf PING = Lines.needle("\"ping\"");

  private final OriginEnd origin;
  private final boolean dataOnly;

  private NdjsonOrigin(OriginEnd origin, boolean dataOnly) {
    this.origin = origin;
    this.dataOnly = dataOnly;
  }

  /** Makes {@code channel} (a {@link LineChannel}) an origin and returns it. */
  public static OriginEnd attach(Channel channel, boolean dataOnly) {
    OriginEnd origin = new OriginEnd(channel, (ch, frame) -> ch.writeAndFlush(frame, ch.voidPromise()), true);
    LineChannel.of(channel).listener(new NdjsonOrigin(origin, dataOnly));
    return origin;
  }

  @Override
  public void onLine(ChannelHandlerContext ctx, ByteBuf line) {
    if (dataOnly && !Lines.contains(line, DATA)) {
      if (Lines.contains(line, PING)) {
        Lines.send(ctx.channel(), "{\"type\":\"pong\"}");
      }
      return;
    }
    origin.onReply();
  }
}
