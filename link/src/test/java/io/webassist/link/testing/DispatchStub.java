package io.webassist.link.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.webassist.security.tls.TlsContexts;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.webassist.protocol.codec.NdjsonCodec;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Hello;
import io.webassist.protocol.frame.Ping;
import io.webassist.protocol.frame.Pong;
import io.webassist.protocol.frame.Welcome;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dispatch server's connection contract only: hello → welcome (or a refusal), ping → pong, a
 * record of frames; over TLS with the given server context (as the real server's TLS listener), or
 * plain TCP.
 */
public final class DispatchStub implements AutoCloseable {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final Channel server;
  private final long idleTimeoutMs;
  public final List<Frame> received = new CopyOnWriteArrayList<>();
  public final AtomicInteger pings = new AtomicInteger();
  public final AtomicInteger hellos = new AtomicInteger();
  public volatile boolean refuseHello;
  /** Protocols of the TLS handshakes that succeeded, e.g. {@code TLSv1.3}. */
  public final List<String> tlsProtocols = new CopyOnWriteArrayList<>();
  /** TLS handshakes that failed (a client that did not trust us, or spoke plain text). */
  public final AtomicInteger tlsFailures = new AtomicInteger();

  /** A plain-TCP stub. */
  public DispatchStub(long idleTimeoutMs) {
    this(idleTimeoutMs, null);
  }

  /** A stub presenting {@code tls} (null: plain TCP). */
  public DispatchStub(long idleTimeoutMs, SslContext tls) {
    this.idleTimeoutMs = idleTimeoutMs;
    server = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            if (tls != null) {
              TlsContexts.addFirst(ch, tls);
            }
            NdjsonCodec.addTo(ch.pipeline(), NdjsonCodec.DEFAULT_MAX_LINE_LENGTH);
            ch.pipeline().addLast(new Handler());
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  public void broadcast(Frame frame) {
    clients.writeAndFlush(frame);
  }

  public void dropAll() {
    clients.close().syncUninterruptibly();
  }

  public <T extends Frame> List<T> receivedOf(Class<T> type) {
    return received.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public void close() {
    clients.close().syncUninterruptibly();
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class Handler extends SimpleChannelInboundHandler<Frame> {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof SslHandshakeCompletionEvent done) {
        if (done.isSuccess()) {
          tlsProtocols.add(ctx.pipeline().get(SslHandler.class).engine().getSession().getProtocol());
        } else {
          tlsFailures.incrementAndGet();
        }
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // a failed handshake; counted above
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
      if (frame instanceof Ping) {
        pings.incrementAndGet();
        ctx.writeAndFlush(Pong.INSTANCE);
        return;
      }
      received.add(frame);
      if (frame instanceof Hello) {
        hellos.incrementAndGet();
        if (refuseHello) {
          ctx.writeAndFlush(new ErrorFrame(ErrorCode.UNSUPPORTED_PROTOCOL, "go away"))
              .addListener(ChannelFutureListener.CLOSE);
        } else {
          clients.add(ctx.channel());
          ctx.writeAndFlush(new Welcome(1, "c-" + hellos.get(), idleTimeoutMs));
        }
      }
    }
  }
}
