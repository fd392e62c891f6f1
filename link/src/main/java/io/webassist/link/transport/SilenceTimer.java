package io.webassist.link.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tells {@link KeepAliveHandler} of silence: {@link IdleStateEvent#WRITER_IDLE_STATE_EVENT} after a
 * ping interval without a frame written, {@link IdleStateEvent#READER_IDLE_STATE_EVENT} after the
 * idle timeout without a frame read — each at most a tick (a quarter of the shorter of the two)
 * late. A frame read or written only sets a flag, which the tick turns into a time: Netty's
 * {@code IdleStateHandler} made a promise and a listener per write to time it, about a tenth of the
 * direct link's per-event work (docs/BENCHMARKS.md, "Session 4").
 */
final class SilenceTimer extends ChannelDuplexHandler {
  private final long pingNanos;
  private final long idleNanos;
  private final long tickNanos;
  private boolean read;
  private boolean wrote;
  private long lastRead;
  private long lastWrite;
  private ScheduledFuture<?> tick;

  SilenceTimer(Duration pingInterval, Duration idleTimeout) {
    this.pingNanos = pingInterval.toNanos();
    this.idleNanos = idleTimeout.toNanos();
    this.tickNanos = Math.max(1, Math.min(pingNanos, idleNanos) / 4);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
      start(ctx); // added to a live connection (a new timing): count from now
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start(ctx);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stop();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    read = true;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    wrote = true;
    ctx.write(msg, promise);
  }

  private void start(ChannelHandlerContext ctx) {
    if (tick != null) {
      return;
    }
    lastRead = System.nanoTime();
    lastWrite = lastRead;
    tick = ctx.executor().scheduleAtFixedRate(() -> tick(ctx), tickNanos, tickNanos, TimeUnit.NANOSECONDS);
  }

  private void stop() {
    if (tick != null) {
      tick.cancel(false);
    }
  }

  private void tick(ChannelHandlerContext ctx) {
    if (!ctx.channel().isOpen()) {
      stop();
      return;
    }
    long now = System.nanoTime();
    if (read) {
      read = false;
      lastRead = now;
    }
    if (wrote) {
      wrote = false;
      lastWrite = now;
    }
    if (now - lastRead >= idleNanos) {
      ctx.fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
    } else if (now - lastWrite >= pingNanos) {
      lastWrite = now; // the ping is the write; the next one a ping interval later if nothing else goes out
      ctx.fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);
    }
  }
}
