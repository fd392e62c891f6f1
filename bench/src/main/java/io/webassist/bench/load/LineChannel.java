package io.webassist.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A connection that speaks lines: the generator's pipeline for every NDJSON scenario. The
 * {@link Listener} can be swapped while the connection lives (control frames first, then the hot
 * path), which is why it is a field rather than a pipeline stage.
 */
public final class LineChannel extends SimpleChannelInboundHandler<ByteBuf> {

  /** What happens to each line; runs on the connection's event loop. */
  public interface Listener {
    void onLine(ChannelHandlerContext ctx, ByteBuf line);

    /** The read batch ended: a listener that wrote without flushing flushes here, once. */
    default void onReadComplete(ChannelHandlerContext ctx) {}

    default void onClosed(Channel channel) {}
  }

  /** A listener that only wants text (control frames, not the hot path). */
  public interface TextListener extends Listener {
    void onText(ChannelHandlerContext ctx, String line);

    @Override
    default void onLine(ChannelHandlerContext ctx, ByteBuf line) {
      onText(ctx, line.toString(StandardCharsets.UTF_8));
    }
  }

  private volatile Listener listener;

  private LineChannel(Listener listener) {
    super(ByteBuf.class);
    this.listener = listener;
  }

  /** The pipeline: [flush consolidation] → lines → this. */
  public static ChannelInitializer<Channel> initializer(Supplier<Listener> listeners, int maxLine, boolean consolidateFlushes) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        if (consolidateFlushes) {
          // many writeAndFlush in one read batch → one flush → one write syscall (burst scenario)
          ch.pipeline().addLast("flushConsolidation", new FlushConsolidationHandler(256, true));
        }
        ch.pipeline().addLast("lines", new LineBasedFrameDecoder(maxLine, true, true));
        ch.pipeline().addLast("listener", new LineChannel(listeners.get()));
      }
    };
  }

  /** The handler on {@code channel}. */
  public static LineChannel of(Channel channel) {
    return channel.pipeline().get(LineChannel.class);
  }

  public void listener(Listener value) {
    listener = value;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
    listener.onLine(ctx, line);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    listener.onReadComplete(ctx);
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    listener.onClosed(ctx.channel());
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // connection resets at the end of a run are expected; the scenario counts closes
  }
}
