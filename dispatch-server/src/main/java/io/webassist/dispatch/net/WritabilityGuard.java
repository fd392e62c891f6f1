package io.webassist.dispatch.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.webassist.dispatch.limits.Limit;
import io.webassist.dispatch.limits.LimitEvents;
import java.util.concurrent.TimeUnit;

/**
 * Slow readers (issue 6): a connection whose outbound buffer passes the high water mark is not
 * writable. While it is not, nothing more is read from it (what it sends could only make it more
 * output), and if it stays so for {@code slowConsumerTimeoutMs} it is closed — logged and counted
 * as {@code slow_consumer} — instead of buffering for it without end. Other connections are not
 * touched; a relay partner is told {@code relay.partner_left} as for any close. Shared: the
 * deadline of a connection is kept in its {@link Connection}. In the server's pipeline the
 * {@link ConnectionGate} runs it (one stage less per connection); it is a handler of its own for tests.
 */
@Sharable
final class WritabilityGuard extends ChannelInboundHandlerAdapter {

  static final String NAME = "writability";

  private final LimitEvents events;
  private final long timeoutMs;

  WritabilityGuard(LimitEvents events, long timeoutMs) {
    this.events = events;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    Channel channel = ctx.channel();
    Connection connection = Connection.of(channel);
    if (connection == null) {
      ctx.fireChannelWritabilityChanged(); // refused at the gate: being closed
      return;
    }
    if (!channel.isWritable()) {
      if (connection.slowDeadline() == null) {
        connection.slowDeadline(ctx.executor().schedule(() -> tooSlow(ctx, connection), timeoutMs, TimeUnit.MILLISECONDS));
      }
      channel.config().setAutoRead(false);
    } else {
      cancel(connection);
      if (channel.isActive()) {
        channel.config().setAutoRead(true);
      }
    }
    ctx.fireChannelWritabilityChanged();
  }

  private void tooSlow(ChannelHandlerContext ctx, Connection connection) {
    connection.slowDeadline(null);
    Channel channel = ctx.channel();
    if (!channel.isActive() || channel.isWritable()) {
      return;
    }
    events.hit(Limit.SLOW_CONSUMER, connection.connectionId(),
        "slowConsumerTimeoutMs=" + timeoutMs + " bytesBeforeWritable=" + channel.bytesBeforeWritable(),
        connection.remoteIp());
    channel.close(); // a last error frame would wait behind everything it is not reading
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Connection connection = Connection.of(ctx.channel());
    if (connection != null) {
      cancel(connection);
    }
    ctx.fireChannelInactive();
  }

  private static void cancel(Connection connection) {
    if (connection.slowDeadline() != null) {
      connection.slowDeadline().cancel(false);
      connection.slowDeadline(null);
    }
  }
}
