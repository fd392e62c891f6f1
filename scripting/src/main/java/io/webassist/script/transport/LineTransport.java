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
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.webassist.security.pin.Fingerprints;
import io.webassist.security.tls.TlsContexts;
import io.webassist.security.tls.TlsIdentity;
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
 * {@link #connect} to the dispatch server or relay and {@link #dial} to a peer listener; in, with
 * {@link #listen}). Lines are text, not decoded frames, so that a script sees exactly what the other
 * side sent, broken lines too. Protected as its {@link LineSecurity} says: TLS pinned to the server
 * (or to the dialled listener's fingerprint), or plain TCP; an outgoing connection counts as open
 * only once its TLS handshake succeeded.
 *
 * <p>One event-loop thread serves every connection of a run; it only splits lines and hands them
 * to each connection's bounded {@link Inbox}, never blocking.
 */
public final class LineTransport implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LineTransport.class);

  /** Lines an inbox holds before the transport stops reading that connection. */
  public static final int INBOX_CAPACITY = 1024;

  private static final int ACCEPT_BACKLOG = 16;

  /**
   * Least time an outgoing TLS handshake gets, whatever the step's limit: a step's limit is about
   * the server's answers, and a handshake on a busy machine can take longer than a tight one.
   */
  private static final Duration MIN_HANDSHAKE_TIME = Duration.ofSeconds(3);

  private final int maxLineLength;
  private final LineSecurity security;
  private final EventLoopGroup group;

  /**
   * @param maxLineLength longest line accepted, in bytes; a longer one closes the connection
   * @param security TLS pinned to the dispatch server, or plain TCP
   */
  public LineTransport(int maxLineLength, LineSecurity security) {
    this.maxLineLength = maxLineLength;
    this.security = security;
    this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  public LineTransport(LineSecurity security) {
    this(NdjsonCodec.DEFAULT_MAX_LINE_LENGTH, security);
  }

  public LineSecurity security() {
    return security;
  }

  /**
   * Opens a connection to the dispatch server (or its relay) at {@code host:port}: TLS pinned to the
   * server's fingerprint, or plain when insecure.
   *
   * @throws IOException when it cannot be opened within {@code timeout}, or its TLS handshake fails
   *     (it gets at least 3 s); the message says why
   */
  public LineConnection connect(String host, int port, Duration timeout) throws IOException, InterruptedException {
    return open(host, port, security.serverContext(), timeout);
  }

  /**
   * Opens a connection to a peer listener at {@code host:port}: in TLS mode pinned to
   * {@code fingerprint} (the listener's certificate), plain when insecure (the fingerprint is then ignored).
   *
   * @throws IOException when the fingerprint is missing or malformed in TLS mode, or the connection
   *     or its handshake fails (connect within {@code timeout}, handshake within at least 3 s)
   */
  public LineConnection dial(String host, int port, String fingerprint, Duration timeout)
      throws IOException, InterruptedException {
    if (!security.isTls()) {
      return open(host, port, null, timeout);
    }
    if (fingerprint == null || fingerprint.isBlank()) {
      throw new IOException("in TLS mode a dial needs the listener's fingerprint ('dial HOST:PORT pin FP'), "
          + "or run with --insecure");
    }
    if (!Fingerprints.isValid(fingerprint)) {
      throw new IOException("pin: not a SHA-256 fingerprint: '" + fingerprint + "'");
    }
    return open(host, port, TlsContexts.pinnedClient(fingerprint), timeout);
  }

  private LineConnection open(String host, int port, SslContext tls, Duration timeout)
      throws IOException, InterruptedException {
    Inbox inbox = new Inbox(INBOX_CAPACITY);
    Duration handshakeTime = timeout.compareTo(MIN_HANDSHAKE_TIME) > 0 ? timeout : MIN_HANDSHAKE_TIME;
    ChannelFuture connected = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            addLineStages(ch, inbox, tls, handshakeTime);
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
    SslHandler ssl = connected.channel().pipeline().get(SslHandler.class);
    if (ssl != null) {
      var handshake = ssl.handshakeFuture();
      if (!handshake.await(handshakeTime.toMillis() + 1_000) || !handshake.isSuccess()) {
        connected.channel().close();
        Throwable cause = handshake.cause();
        throw new IOException("TLS handshake with " + host + ":" + port + " failed: "
            + (cause == null ? "no answer within " + handshakeTime.toMillis() + " ms" : causeChain(cause)), cause);
      }
    }
    return new LineConnection(connected.channel(), inbox);
  }

  /**
   * Listens on {@code host}, port 0 (a free port); see {@link LineListener#port()}. In TLS mode the
   * listener presents a certificate made for it alone, like the assist client's peer listener; see
   * {@link LineListener#fingerprint()}.
   */
  public LineListener listen(String host) throws IOException, InterruptedException {
    BlockingQueue<LineConnection> arrived = new ArrayBlockingQueue<>(ACCEPT_BACKLOG);
    TlsIdentity identity = security.isTls() ? TlsIdentity.ephemeral() : null;
    SslContext tls = identity == null ? null : TlsContexts.server(identity);
    ChannelFuture bound = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            Inbox inbox = new Inbox(INBOX_CAPACITY);
            addLineStages(ch, inbox, tls, TlsContexts.DEFAULT_HANDSHAKE_TIMEOUT);
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
    return new LineListener(bound.channel(), arrived, identity == null ? null : identity.fingerprint());
  }

  private void addLineStages(Channel ch, Inbox inbox, SslContext tls, Duration handshakeTimeout) {
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
    if (tls != null) {
      // TLS first: the stages after it see plain lines
      TlsContexts.addFirst(ch, tls, handshakeTimeout);
    }
    // split the byte stream into lines with the protocol's own settings (strip the line end, fail fast)
    ch.pipeline().addLast(NdjsonCodec.LINE_DECODER, new LineBasedFrameDecoder(maxLineLength, true, true));
    // each line, as text, into the connection's inbox
    ch.pipeline().addLast("inbox", new InboxHandler(inbox, maxLineLength));
  }

  /** Every cause's class and message, outermost first: the OpenSSL provider wraps the real reason. */
  static String causeChain(Throwable cause) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (text.length() > 0) {
        text.append(" <- ");
      }
      String message = t.getMessage();
      text.append(t.getClass().getSimpleName());
      if (message != null) {
        text.append(": ").append(message.length() > 160 ? message.substring(0, 160) + "…" : message);
      }
    }
    return text.toString();
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
