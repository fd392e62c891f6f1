package io.webassist.dispatch.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.webassist.dispatch.limits.Limit;
import io.webassist.dispatch.limits.LimitEvents;
import java.util.concurrent.TimeUnit;

/**
 * Slow readers (issue 6): a connection whose outbound buffer passes the high water mark is not
 * writable. While it is not, nothing more is read from it (what it sends could only make it more
 * output), and if it stays so for {@code slowConsumerTimeoutMs} it is closed — logged and counted
 * as {@code slow_consumer} — instead of buffering for it without end. Other connections are not
 * touched; a relay partner is told {@code relay.partner_left} as for any close. One per channel.
 */
final class WritabilityGuard extends ChannelInboundHandlerAdapter {

  static final String NAME = "writability";

  private final LimitEvents events;
  private final long timeoutMs;
  private ScheduledFuture<?> deadline;

  WritabilityGuard(LimitEvents events, long timeoutMs) {
    this.events = events;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    Channel channel = ctx.channel();
    if (!channel.isWritable()) {
      if (deadline == null) {
        deadline = ctx.executor().schedule(() -> tooSlow(ctx), timeoutMs, TimeUnit.MILLISECONDS);
      }
      channel.config().setAutoRead(false);
    } else {
      cancel();
      if (channel.isActive()) {
        channel.config().setAutoRead(true);
      }
    }
    ctx.fireChannelWritabilityChanged();
  }

  private void tooSlow(ChannelHandlerContext ctx) {
    deadline = null;
    Channel channel = ctx.channel();
    if (!channel.isActive() || channel.isWritable()) {
      return;
    }
    events.hit(Limit.SLOW_CONSUMER, InboundLimiter.idOf(ctx),
        "slowConsumerTimeoutMs=" + timeoutMs + " bytesBeforeWritable=" + channel.bytesBeforeWritable(),
        InboundLimiter.ipOf(ctx));
    channel.close(); // a last error frame would wait behind everything it is not reading
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  private void cancel() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
