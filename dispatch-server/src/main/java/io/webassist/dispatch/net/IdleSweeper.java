package io.webassist.dispatch.net;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The idle timeout without a timer per connection: one periodic sweep per event loop looks at the
 * connections of that loop and fires an {@link IdleStateEvent} on each that has read nothing for
 * the idle timeout (the {@link HandshakeHandler} answers it with {@code idle_timeout} and a close).
 * What a connection last read is one field of its {@link Connection}, set by the
 * {@link ConnectionGate} on every read. Netty's {@code IdleStateHandler} instead keeps a handler, a
 * pipeline stage and a scheduled task per connection — about a tenth of an idle connection's heap.
 *
 * <p>A connection is closed between the idle timeout and the timeout plus one sweep period
 * (a quarter of the timeout, at most a second). The sweep runs on the loop it looks at, so it reads
 * the connections' fields without locks. One per server.
 */
final class IdleSweeper {

  private static final long MAX_PERIOD_MS = 1_000;
  private static final long MIN_PERIOD_MS = 10;

  private final ChannelGroup connections;
  private final long timeoutNanos;
  private final long periodMs;
  private final Map<EventLoop, Boolean> sweeping = new ConcurrentHashMap<>();

  IdleSweeper(ChannelGroup connections, long idleTimeoutMs) {
    this.connections = connections;
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMs);
    this.periodMs = Math.max(MIN_PERIOD_MS, Math.min(MAX_PERIOD_MS, idleTimeoutMs / 4));
  }

  /**
   * Makes sure {@code loop} is swept; called as each connection becomes active (once per loop does
   * the work). The sweep ends with its loop; the server's loops live as long as this sweeper.
   */
  void watch(EventLoop loop) {
    if (!sweeping.containsKey(loop) && sweeping.putIfAbsent(loop, Boolean.TRUE) == null) {
      loop.scheduleAtFixedRate(() -> sweep(loop), periodMs, periodMs, TimeUnit.MILLISECONDS);
    }
  }

  private void sweep(EventLoop loop) {
    long now = loop.ticker().nanoTime();
    for (Channel channel : connections) {
      if (channel.eventLoop() != loop) {
        continue;
      }
      Connection connection = Connection.of(channel);
      if (connection != null && connection.idleFor(now) >= timeoutNanos && connection.markIdleTold()) {
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
      }
    }
  }
}
