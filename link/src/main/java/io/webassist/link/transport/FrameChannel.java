package io.webassist.link.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.AttributeKey;
import io.webassist.link.LinkRuntime;
import io.webassist.protocol.frame.Frame;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One NDJSON connection as the link library sees it: frames out, frames in to the current
 * {@link FrameSink} on the link thread. Ownership moves as a connection goes through its
 * hand-shake (peer listener → session link, relay joiner → session link): {@link #handOff()} parks
 * what arrives until the next owner calls {@link #sink(FrameSink)}, so no frame falls in between.
 *
 * <p>Outbound is bounded: {@link #sendDroppable} drops when the peer is not reading
 * ({@code isWritable()} false); {@link #send} writes, and closes the connection if the unsent bytes
 * pass the hard limit — the session link then resends from its buffer on a fresh link.
 */
public final class FrameChannel {
  private static final Logger LOG = LoggerFactory.getLogger(FrameChannel.class);
  static final AttributeKey<FrameChannel> KEY = AttributeKey.valueOf("webassist.frameChannel");
  /** Frames of one read batch written before a flush is forced (a batch can bring hundreds). */
  private static final int MOST_UNFLUSHED = 16;

  private final Channel channel;
  private final LinkRuntime runtime;
  private final int hardLimitBytes;
  private FrameSink sink;
  private Queue<Object> parked;
  private boolean closedDelivered;
  /** I/O thread: a read batch of this connection is being handed on (see {@link #write}). */
  private boolean reading;
  /** I/O thread: frames written in this read batch and not flushed yet. */
  private int unflushed;

  FrameChannel(Channel channel, LinkRuntime runtime, int hardLimitBytes, FrameSink sink) {
    this.channel = channel;
    this.runtime = runtime;
    this.hardLimitBytes = hardLimitBytes;
    this.sink = sink;
  }

  /** The frame channel installed on {@code channel} by {@link LinkChannelInitializer}. */
  public static FrameChannel of(Channel channel) {
    return channel.attr(KEY).get();
  }

  /** Stops delivering until {@link #sink(FrameSink)} names the next owner. Link thread only. */
  public void handOff() {
    sink = null;
    if (parked == null) {
      parked = new ArrayDeque<>();
    }
  }

  /** Makes {@code next} the owner and gives it whatever arrived since {@link #handOff()}. Link thread only. */
  public void sink(FrameSink next) {
    this.sink = next;
    Queue<Object> waiting = parked;
    parked = null;
    if (waiting != null) {
      for (Object item : waiting) {
        deliver(item);
      }
    }
  }

  /** Writes {@code frame}; false if the connection is gone or was closed for not reading. */
  public boolean send(Frame frame) {
    if (!channel.isActive()) {
      return false;
    }
    if (!channel.isWritable() && channel.bytesBeforeWritable() > hardLimitBytes) {
      LOG.warn("peer stopped reading, closing remote={} unsentBytes={}", remote(), channel.bytesBeforeWritable());
      channel.close();
      return false;
    }
    write(frame);
    return true;
  }

  /** Writes {@code frame} only if the peer keeps up; for pointer moves, scrolls and typing. */
  public boolean sendDroppable(Frame frame) {
    if (!channel.isActive() || !channel.isWritable()) {
      LOG.trace("dropped {} remote={} (not writable)", frame.type(), remote());
      return false;
    }
    write(frame);
    return true;
  }

  /**
   * Writes and flushes; but what is sent while this connection's read batch is handed on (answers
   * from a callback, on the I/O thread) is flushed once at the batch's end, {@link #readDone}: one
   * socket write for the answers to several frames read together instead of one each. Order is
   * kept (a flush sends everything written before it); a long batch is flushed every
   * {@value #MOST_UNFLUSHED} frames, and as soon as the outbound buffer is over its high-water mark.
   */
  private void write(Frame frame) {
    if (runtime.inLinkThread() && reading) {
      channel.write(frame, channel.voidPromise());
      if (++unflushed == MOST_UNFLUSHED || !channel.isWritable()) {
        unflushed = 0;
        channel.flush();
      }
    } else {
      channel.writeAndFlush(frame, channel.voidPromise());
    }
  }

  /**
   * From the I/O thread: a frame of a read batch is about to be handed on. Only where the link
   * thread does the I/O are the callbacks' sends part of the batch (elsewhere they come later, from
   * the link thread, and are flushed at once).
   */
  void readStarted() {
    reading = runtime.inLinkThread();
  }

  /** From the I/O thread: the read batch is over (or the connection closed): what its callbacks wrote goes out. */
  void readDone() {
    reading = false;
    if (unflushed > 0) {
      unflushed = 0;
      channel.flush();
    }
  }

  /** Writes {@code frame} and closes once it is on the wire. */
  public void sendAndClose(Frame frame) {
    if (channel.isActive()) {
      channel.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
    } else {
      channel.close();
    }
  }

  public void close() {
    if (unflushed > 0 && runtime.inLinkThread()) {
      unflushed = 0;
      channel.flush(); // what a callback wrote just before closing still goes out, as it did when every send flushed
    }
    channel.close();
  }

  /** New keep-alive timing for this connection (see {@link LinkChannelInitializer#retime}). */
  public void retime(java.time.Duration pingInterval, java.time.Duration idleTimeout) {
    if (channel.isActive()) {
      LinkChannelInitializer.retime(channel, pingInterval, idleTimeout);
    }
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  public InetSocketAddress remoteAddress() {
    return (InetSocketAddress) channel.remoteAddress();
  }

  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** For log lines: the remote address or "?". */
  public String remote() {
    Object address = channel.remoteAddress();
    return address == null ? "?" : address.toString();
  }

  // ---- called by FrameBridge on the I/O thread; delivery hops to the link thread unless that is the I/O thread ----

  /**
   * From the connection's I/O thread, in the order read. When that is the link thread (a runtime
   * without I/O threads of its own) the item is delivered at once — every item of a connection
   * then is, so their order holds; otherwise each is queued to the link thread, in order.
   */
  void received(Object item) {
    runtime.run(() -> deliver(item));
  }

  private void deliver(Object item) {
    if (closedDelivered) {
      return;
    }
    if (sink == null) {
      if (parked != null) {
        parked.add(item);
      }
      return;
    }
    if (item instanceof Frame frame) {
      sink.onFrame(this, frame);
    } else if (item instanceof BadLine bad) {
      sink.onBadLine(this, bad.code());
    } else if (item == Opened.INSTANCE) {
      sink.onOpen(this);
    } else if (item == Closed.INSTANCE) {
      closedDelivered = true;
      sink.onClosed(this);
    }
  }

  record BadLine(String code) {}

  enum Opened { INSTANCE }

  enum Closed { INSTANCE }

  @Override
  public String toString() {
    return "FrameChannel[" + remote() + "]";
  }
}
