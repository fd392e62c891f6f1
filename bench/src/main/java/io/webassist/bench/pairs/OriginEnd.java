package io.webassist.bench.pairs;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * The measuring end of one pair: keeps {@code window} frames in flight, and for each reply records
 * the round trip (send time queued here; every target keeps per-pair order, so replies match
 * sends first-in first-out). All state is touched on the channel's event loop only.
 */
public final class OriginEnd {

  /** How a frame gets onto this end's wire (an NDJSON line, or an MQTT publish). */
  public interface Sender {
    void send(Channel channel, ByteBuf frame);
  }

  private final Channel channel;
  private final Sender sender;
  private final boolean newline;
  private final long[] sentAt = new long[1024];
  private int head;
  private int tail;
  private long seq;
  private PairLoad load;

  public OriginEnd(Channel channel, Sender sender, boolean newline) {
    this.channel = channel;
    this.sender = sender;
    this.newline = newline;
  }

  public Channel channel() {
    return channel;
  }

  /** True if replies carry line ends stripped (NDJSON) — frames are built with one. */
  boolean newline() {
    return newline;
  }

  /** Starts a run (from any thread). */
  void start(PairLoad run) {
    channel.eventLoop().execute(() -> {
      this.load = run;
      head = 0;
      tail = 0;
      for (int i = 0; i < run.window(); i++) {
        sendOne();
      }
    });
  }

  int inFlight() {
    return tail - head;
  }

  private void sendOne() {
    if (tail - head >= sentAt.length) {
      return;
    }
    sentAt[tail++ & (sentAt.length - 1)] = System.nanoTime();
    sender.send(channel, load.frames(newline).frame(channel.alloc(), ++seq));
  }

  /** A reply came back (on the event loop). */
  public void onReply() {
    PairLoad run = load;
    if (run == null || head == tail) {
      return; // a stray frame after a drain timed out: nothing to match it with
    }
    long rtt = System.nanoTime() - sentAt[head++ & (sentAt.length - 1)];
    run.record(rtt);
    if (run.running()) {
      sendOne();
    }
  }
}
