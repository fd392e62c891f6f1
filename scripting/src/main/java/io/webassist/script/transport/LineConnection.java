package io.webassist.script.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * One open TCP connection that carries text lines: {@link #send} writes one line, {@link #inbox}
 * holds what arrived. Made by {@link LineTransport}; safe to use from any thread but the event loop.
 */
public final class LineConnection implements AutoCloseable {

  private final Channel channel;
  private final Inbox inbox;

  LineConnection(Channel channel, Inbox inbox) {
    this.channel = channel;
    this.inbox = inbox;
  }

  /**
   * Writes {@code line} and a {@code \n}, exactly as given (it may be deliberately broken JSON),
   * and waits until it was handed to the socket.
   *
   * @throws IOException when the connection is closed or the write failed or took longer than {@code timeout}
   */
  public void send(String line, Duration timeout) throws IOException, InterruptedException {
    if (!channel.isActive()) {
      throw new IOException("connection is closed (" + inbox.closeReason() + ")");
    }
    ChannelFuture written = channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), line + "\n"));
    if (!written.await(timeout.toMillis())) {
      throw new IOException("write not done within " + timeout.toMillis() + " ms");
    }
    if (!written.isSuccess()) {
      throw new IOException("write failed: " + written.cause().getMessage(), written.cause());
    }
  }

  public Inbox inbox() {
    return inbox;
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  /** The address of the other end, as {@code host:port}. */
  public String remote() {
    return describe(channel.remoteAddress());
  }

  /** This end's address, as {@code host:port}. */
  public String local() {
    return describe(channel.localAddress());
  }

  /** Closes the connection and waits (briefly) until it is closed. */
  @Override
  public void close() {
    inbox.closing("closed by this script");
    channel.close().awaitUninterruptibly(2_000);
  }

  static String describe(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }
}
