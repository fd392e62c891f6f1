package io.webassist.security.tls;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TLS line-echo server and client on loopback for tests: the server answers every line with
 * {@code "echo: " + line}. One event loop group for both sides; close it to stop everything.
 */
final class LoopbackTls implements AutoCloseable {

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  /** Handshake failures seen by the server, newest last. */
  final BlockingQueue<Throwable> serverHandshakeFailures = new LinkedBlockingQueue<>();
  private Channel serverChannel;

  /** Binds 127.0.0.1 on an ephemeral port. */
  InetSocketAddress startServer(SslContext context) throws InterruptedException {
    serverChannel = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            SslHandler tls = TlsContexts.addFirst(ch, context);
            tls.handshakeFuture().addListener(f -> {
              if (!f.isSuccess()) {
                serverHandshakeFailures.add(f.cause());
              }
            });
            ch.pipeline().addLast(new LineBasedFrameDecoder(1024),
                new StringDecoder(StandardCharsets.UTF_8),
                new StringEncoder(StandardCharsets.UTF_8),
                new SimpleChannelInboundHandler<String>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, String line) {
                    ctx.writeAndFlush("echo: " + line + "\n");
                  }

                  @Override
                  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    ctx.close(); // handshake failures arrive here too; recorded above
                  }
                });
          }
        })
        .bind("127.0.0.1", 0).sync().channel();
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** A connected client; its received lines go to {@code lines}. The handshake may still be running. */
  Client connect(SslContext context, InetSocketAddress server) throws InterruptedException {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    SslHandler[] tls = new SslHandler[1];
    Channel channel = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            tls[0] = TlsContexts.addFirst(ch, context);
            ch.pipeline().addLast(new LineBasedFrameDecoder(1024),
                new StringDecoder(StandardCharsets.UTF_8),
                new StringEncoder(StandardCharsets.UTF_8),
                new SimpleChannelInboundHandler<String>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, String line) {
                    lines.add(line);
                  }

                  @Override
                  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    ctx.close();
                  }
                });
          }
        })
        .connect(server).sync().channel();
    return new Client(channel, tls[0], lines);
  }

  @Override
  public void close() {
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  record Client(Channel channel, SslHandler tls, BlockingQueue<String> lines) implements AutoCloseable {
    @Override
    public void close() {
      channel.close().syncUninterruptibly();
    }
  }
}
