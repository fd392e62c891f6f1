package io.webassist.dispatch.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.util.internal.PlatformDependent;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The frames waiting for the connections of one event loop, from any thread: handed over in
 * batches, not one task each. A sender puts its frame in the loop's queue (a lock-free
 * multi-producer queue) and schedules one drain task only when none is pending; the drain writes
 * every frame queued so far to its channel without flushing, then flushes each channel it wrote
 * to once. A frame costs a queue entry instead of a task and an event-loop wake-up, and a
 * connection that got five frames in one batch costs one {@code write} syscall instead of five.
 *
 * <p>Order: one queue per loop, first in, first out, so a connection gets its frames in the order
 * they were sent, whichever threads sent them. Bounds: as before, what is waiting to be written is
 * bounded per connection by its writability (past the high water mark it is not read from, and it
 * is closed as a slow consumer if it stays so); the queue itself holds a batch at most a few
 * event-loop turns long. Frames are plain objects: one dropped for a closed channel holds no buffer.
 */
final class Outbox implements Runnable {

  /** Frames written in one drain before the loop gets a turn at its I/O. */
  private static final int MAX_BATCH = 4_096;

  private final EventLoop loop;
  private final Queue<Pending> queue = PlatformDependent.newMpscQueue();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  /** Channels written to in the current drain; only touched on the loop. */
  private final List<Connection> written = new ArrayList<>();

  /** Made once per event loop of a server ({@link ConnectionGate}), kept by each of its connections. */
  Outbox(EventLoop loop) {
    this.loop = loop;
  }

  /** Queues {@code frame} for {@code connection}; any thread. */
  void send(Connection connection, Frame frame) {
    add(new Pending(connection, frame, false));
  }

  /** Queues {@code last} for {@code connection}, then a close once it is written; any thread. */
  void close(Connection connection, ErrorFrame last) {
    add(new Pending(connection, last, true));
  }

  private void add(Pending pending) {
    queue.offer(pending);
    if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
      schedule();
    }
  }

  private void schedule() {
    try {
      loop.execute(this);
    } catch (RejectedExecutionException e) {
      // the server is shutting down: the event loop, and with it every connection on it, is gone
      queue.clear();
    }
  }

  /** The drain, on the loop. */
  @Override
  public void run() {
    // cleared first: a frame queued from now on schedules another drain (which may find it taken already)
    scheduled.set(false);
    Pending pending;
    for (int n = 0; n < MAX_BATCH && (pending = queue.poll()) != null; n++) {
      write(pending);
    }
    for (Connection connection : written) {
      connection.outboxFlushDue(false);
      connection.channel().flush();
    }
    written.clear();
    if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      schedule(); // more than one batch: the rest after the loop's I/O
    }
  }

  private void write(Pending pending) {
    Connection connection = pending.connection;
    Channel channel = connection.channel();
    if (!channel.isActive()) {
      if (pending.close) {
        channel.close();
      }
      return;
    }
    if (pending.close) {
      channel.write(pending.frame).addListener(ChannelFutureListener.CLOSE);
    } else {
      channel.write(pending.frame, channel.voidPromise());
    }
    if (!connection.outboxFlushDue()) {
      connection.outboxFlushDue(true);
      written.add(connection);
    }
  }

  /** A frame waiting for its connection's loop. */
  private record Pending(Connection connection, Frame frame, boolean close) {}
}
