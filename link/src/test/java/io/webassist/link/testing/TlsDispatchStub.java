package io.webassist.link.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.webassist.protocol.codec.NdjsonCodec;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Hello;
import io.webassist.protocol.frame.Welcome;
import io.webassist.security.tls.TlsContexts;
import io.webassist.security.tls.TlsIdentity;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The dispatch server's TLS listener and hello → welcome, nothing more; records what the client sends. */
public final class TlsDispatchStub implements AutoCloseable {
  public final TlsIdentity identity = TlsIdentity.selfSigned("localhost");
  public final List<Frame> received = new CopyOnWriteArrayList<>();
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;

  public TlsDispatchStub() {
    var tls = TlsContexts.server(identity);
    server = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            TlsContexts.addFirst(ch, tls);
            NdjsonCodec.addTo(ch.pipeline(), NdjsonCodec.DEFAULT_MAX_LINE_LENGTH);
            ch.pipeline().addLast(new SimpleChannelInboundHandler<Frame>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
                received.add(frame);
                if (frame instanceof Hello) {
                  ctx.writeAndFlush(new Welcome(1, "c-1", 30_000));
                }
              }

              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
              }
            });
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
