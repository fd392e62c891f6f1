package io.webassist.script.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.webassist.protocol.codec.NdjsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the scripting tool opens sockets: NDJSON line connections (out, with
 * {@link #connect}; in, with {@link #listen}). Lines are text, not decoded frames, so that a script
 * sees exactly what the other side sent, broken lines too. Plain TCP for now; when the shared
 * {@code link} library brings TLS (issue 6), this class is what changes.
 *
 * <p>One event-loop thread serves every connection of a run; it only splits lines and hands them
 * to each connection's bounded {@link Inbox}, never blocking.
 */
public final class LineTransport implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LineTransport.class);

  /** Lines an inbox holds before the transport stops reading that connection. */
  public static final int INBOX_CAPACITY = 1024;

  private static final int ACCEPT_BACKLOG = 16;

  private final int maxLineLength;
  private final EventLoopGroup group;

  /** @param maxLineLength longest line accepted, in bytes; a longer one closes the connection */
  public LineTransport(int maxLineLength) {
    this.maxLineLength = maxLineLength;
    this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  public LineTransport() {
    this(NdjsonCodec.DEFAULT_MAX_LINE_LENGTH);
  }

  /**
   * Opens a connection to {@code host:port}.
   *
   * @throws IOException when it cannot be opened within {@code timeout}; the message says why
   */
  public LineConnection connect(String host, int port, Duration timeout) throws IOException, InterruptedException {
    Inbox inbox = new Inbox(INBOX_CAPACITY);
    ChannelFuture connected = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            addLineStages(ch, inbox);
          }
        })
        .connect(host, port);
    if (!connected.await(timeout.toMillis() + 1_000)) {
      connected.channel().close();
      throw new IOException("no connection to " + host + ":" + port + " within " + timeout.toMillis() + " ms");
    }
    if (!connected.isSuccess()) {
      Throwable cause = connected.cause();
      throw new IOException("cannot connect to " + host + ":" + port + ": " + cause.getMessage(), cause);
    }
    return new LineConnection(connected.channel(), inbox);
  }

  /** Listens on {@code host}, port 0 (a free port); see {@link LineListener#port()}. */
  public LineListener listen(String host) throws IOException, InterruptedException {
    BlockingQueue<LineConnection> arrived = new ArrayBlockingQueue<>(ACCEPT_BACKLOG);
    ChannelFuture bound = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            Inbox inbox = new Inbox(INBOX_CAPACITY);
            addLineStages(ch, inbox);
            if (!arrived.offer(new LineConnection(ch, inbox))) {
              LOG.warn("listener backlog full, refusing remote={}", ch.remoteAddress());
              ch.close();
            }
          }
        })
        .bind(host, 0)
        .await();
    if (!bound.isSuccess()) {
      throw new IOException("cannot listen on " + host + ": " + bound.cause().getMessage(), bound.cause());
    }
    return new LineListener(bound.channel(), arrived);
  }

  private void addLineStages(Channel ch, Inbox inbox) {
    inbox.flowControl(new Inbox.FlowControl() {
      @Override
      public void pauseReading() {
        ch.config().setAutoRead(false);
      }

      @Override
      public void resumeReading() {
        ch.config().setAutoRead(true);
      }
    });
    // split the byte stream into lines with the protocol's own settings (strip the line end, fail fast)
    ch.pipeline().addLast(NdjsonCodec.LINE_DECODER, new LineBasedFrameDecoder(maxLineLength, true, true));
    // each line, as text, into the connection's inbox
    ch.pipeline().addLast("inbox", new InboxHandler(inbox, maxLineLength));
  }

  /** Stops the event loop; every connection and listener of this transport is closed with it. */
  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
  }

  private static final class InboxHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private final Inbox inbox;
    private final int maxLineLength;

    InboxHandler(Inbox inbox, int maxLineLength) {
      this.inbox = inbox;
      this.maxLineLength = maxLineLength;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
      inbox.add(new Received(line.toString(StandardCharsets.UTF_8), System.nanoTime()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      inbox.markClosed();
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      String reason = cause instanceof TooLongFrameException
          ? "received a line longer than " + maxLineLength + " bytes"
          : "connection error: " + cause.getMessage();
      LOG.debug("closing remote={} reason={}", ctx.channel().remoteAddress(), reason);
      inbox.closing(reason);
      ctx.close();
    }
  }
}
