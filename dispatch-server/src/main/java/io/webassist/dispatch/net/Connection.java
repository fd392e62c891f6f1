package io.webassist.dispatch.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.clients.ClientLink;
import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.limits.FrameRateLimiter;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Role;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Per-connection state, kept in the channel's {@link #KEY} attribute: the role declared in
 * {@code hello} and what that role has done so far. It is also the domain's {@link ClientLink}
 * to this connection. The mutable fields are only touched on the channel's event loop.
 */
public final class Connection implements ClientLink {

  public static final AttributeKey<Connection> KEY = AttributeKey.valueOf("webassist.connection");
  private static final Base64.Encoder ID_TEXT = Base64.getUrlEncoder().withoutPadding();

  private final Channel channel;
  /** Where frames for this connection wait for its event loop ({@link #send}); one per loop, shared. */
  private final Outbox outbox;
  /**
   * The connection's name for logs and {@code welcome} (not a secret): 64 random bits, kept as a
   * number and written out when asked for — a string held by every idle connection was 56 bytes.
   */
  private final long id = ThreadLocalRandom.current().nextLong();
  /** The address it was admitted from (counted per address until it closes). */
  private final String ip;
  /** When it last read anything, by its event loop's ticker (the {@link IdleSweeper} reads it on the same loop). */
  private long lastReadNanos;
  private boolean idleTold;
  private boolean countedOut;
  /** What a read left of an unfinished line ({@link FrameReader}); null when none. */
  private ByteBuf partialLine;
  /** Made at the second line ({@link FrameReader}). */
  private FrameRateLimiter frameRate;
  private boolean firstLineSeen;
  private boolean inboundClosing;
  /** While not writable: when it will be closed as a slow consumer ({@link WritabilityGuard}). */
  private ScheduledFuture<?> slowDeadline;
  private Role role;
  private ScheduledFuture<?> helloTimeout;
  private UserClient user;
  private Agent agent;
  private boolean loginPending;
  private String relaySessionId;
  /** Between the first channelRead of a read batch and its channelReadComplete ({@link ConnectionGate}). */
  private boolean inReadBatch;
  /** Something was written in the current read batch and waits for the flush at its end. */
  private boolean flushAtReadComplete;
  /** In the {@link Outbox}'s list of channels to flush at the end of its drain. */
  private boolean outboxFlushDue;
  /** A relay side moving to its partner's loop: what is read is kept, not parsed ({@link FrameReader}). */
  private boolean holdInput;

  /** With an outbox of its own: for tests that drive one channel. */
  Connection(Channel channel, String ip) {
    this(channel, ip, new Outbox(channel.eventLoop()));
  }

  Connection(Channel channel, String ip, Outbox outbox) {
    this.channel = channel;
    this.ip = ip;
    this.outbox = outbox;
    this.lastReadNanos = channel.eventLoop().ticker().nanoTime();
  }

  static Connection of(Channel channel) {
    return channel.attr(KEY).get();
  }

  @Override
  public String connectionId() {
    return idOf(id);
  }

  /** "c-" and the 8 bytes of {@code id} in URL-safe base64 without padding: 13 characters. */
  static String idOf(long id) {
    byte[] bytes = new byte[Long.BYTES];
    for (int i = 0; i < Long.BYTES; i++) {
      bytes[i] = (byte) (id >>> (8 * (Long.BYTES - 1 - i)));
    }
    return "c-" + ID_TEXT.encodeToString(bytes);
  }

  /**
   * Always through the event loop's {@link Outbox}, even from the event loop itself: frames for one
   * client are sent from several threads (each under its group's lock), and a direct write from
   * the loop would overtake frames other threads queued before it. This way the client gets them
   * in the order they were sent. The outbox writes them in batches and flushes each connection
   * once per batch.
   */
  @Override
  public void send(Frame frame) {
    outbox.send(this, frame);
  }

  /**
   * Writes at once; only on the channel's event loop, where nothing queued may go before it.
   * Within a read batch of this connection the flush waits for the batch's end (one {@code write}
   * syscall for everything answered in it); anywhere else it is flushed now.
   */
  void sendNow(Frame frame) {
    assert channel.eventLoop().inEventLoop();
    if (!channel.isActive()) {
      return;
    }
    if (inReadBatch) {
      channel.write(frame, channel.voidPromise());
      flushAtReadComplete = true;
    } else {
      channel.writeAndFlush(frame, channel.voidPromise());
    }
  }

  @Override
  public void close(ErrorFrame last) {
    outbox.close(this, last);
  }

  /** A read batch starts (the gate saw its first read); on the event loop. */
  void readBatchStarted() {
    inReadBatch = true;
  }

  /** The read batch ended: what was written in it is flushed, once; on the event loop. */
  void readBatchEnded() {
    inReadBatch = false;
    if (flushAtReadComplete) {
      flushAtReadComplete = false;
      channel.flush();
    }
  }

  boolean holdingInput() {
    return holdInput;
  }

  void holdInput(boolean value) {
    holdInput = value;
  }

  boolean outboxFlushDue() {
    return outboxFlushDue;
  }

  void outboxFlushDue(boolean value) {
    outboxFlushDue = value;
  }

  @Override
  public String localHost() {
    return hostOf(channel.localAddress());
  }

  /** The IP address the server sees for the other end of this connection. */
  public String remoteIp() {
    return ip;
  }

  /** Something was read (on the event loop). */
  void read(long nanos) {
    lastReadNanos = nanos;
  }

  /** How long nothing has been read, at {@code nanos} of the loop's ticker. */
  long idleFor(long nanos) {
    return nanos - lastReadNanos;
  }

  /** The unfinished line kept, now the caller's to release; null when none. */
  ByteBuf takePartialLine() {
    ByteBuf held = partialLine;
    partialLine = null;
    return held;
  }

  void partialLine(ByteBuf value) {
    partialLine = value;
  }

  FrameRateLimiter frameRate() {
    return frameRate;
  }

  void frameRate(FrameRateLimiter value) {
    frameRate = value;
  }

  /** True for the connection's first line only. */
  boolean markFirstLine() {
    if (firstLineSeen) {
      return false;
    }
    firstLineSeen = true;
    return true;
  }

  boolean inboundClosing() {
    return inboundClosing;
  }

  void inboundClosing(boolean value) {
    inboundClosing = value;
  }

  /** True the first time: the address count is given back once. */
  boolean countedOut() {
    if (countedOut) {
      return false;
    }
    countedOut = true;
    return true;
  }

  /** True the first time: the idle timeout is handled once. */
  boolean markIdleTold() {
    if (idleTold) {
      return false;
    }
    idleTold = true;
    return true;
  }

  ScheduledFuture<?> slowDeadline() {
    return slowDeadline;
  }

  void slowDeadline(ScheduledFuture<?> value) {
    slowDeadline = value;
  }

  Channel channel() {
    return channel;
  }

  Role role() {
    return role;
  }

  void role(Role value) {
    role = value;
  }

  void helloTimeout(ScheduledFuture<?> value) {
    helloTimeout = value;
  }

  void cancelHelloTimeout() {
    if (helloTimeout != null) {
      helloTimeout.cancel(false);
      helloTimeout = null;
    }
  }

  UserClient user() {
    return user;
  }

  void user(UserClient value) {
    user = value;
  }

  Agent agent() {
    return agent;
  }

  void agent(Agent value) {
    agent = value;
  }

  boolean loginPending() {
    return loginPending;
  }

  void loginPending(boolean value) {
    loginPending = value;
  }

  String relaySessionId() {
    return relaySessionId;
  }

  void relaySessionId(String value) {
    relaySessionId = value;
  }

  static String hostOf(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
    }
    return address == null ? "unknown" : address.toString();
  }

  @Override
  public String toString() {
    return "connection " + connectionId();
  }
}
