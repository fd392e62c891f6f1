package io.webassist.link.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.webassist.link.LinkException;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Opens outgoing connections and listening sockets with the link pipeline; results arrive on the link thread. */
public final class Connector {
  /** Above this many unsent bytes a connection reports not writable; droppable events are dropped. */
  private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 256 * 1024);

  private Connector() {}

  /** Connects to {@code host:port}; the future completes on the link thread. */
  public static CompletableFuture<FrameChannel> connect(
      LinkRuntime runtime, LinkOptions options, String host, int port, Duration timeout, FrameSink firstOwner) {
    CompletableFuture<FrameChannel> result = new CompletableFuture<>();
    Bootstrap bootstrap = new Bootstrap()
        .group(runtime.ioGroup())
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .handler(new LinkChannelInitializer(runtime, options, firstOwner));
    ChannelFuture connecting = bootstrap.connect(host, port);
    connecting.addListener(done -> runtime.execute(() -> {
      if (done.isSuccess()) {
        result.complete(FrameChannel.of(connecting.channel()));
      } else {
        result.completeExceptionally(new LinkException(LinkException.CONNECT_FAILED,
            "cannot connect to " + host + ":" + port + ": " + done.cause(), done.cause()));
      }
    }));
    return result;
  }

  /** Binds a listening socket; accepted connections get the link pipeline owned by {@code firstOwner}. */
  public static CompletableFuture<Channel> listen(
      LinkRuntime runtime, LinkOptions options, InetSocketAddress address, FrameSink firstOwner) {
    CompletableFuture<Channel> result = new CompletableFuture<>();
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(runtime.ioGroup())
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.SO_BACKLOG, 16)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .childHandler(new LinkChannelInitializer(runtime, options, firstOwner));
    ChannelFuture binding = bootstrap.bind(address);
    binding.addListener(done -> runtime.execute(() -> {
      if (done.isSuccess()) {
        result.complete(binding.channel());
      } else {
        result.completeExceptionally(new LinkException(LinkException.CONNECT_FAILED,
            "cannot listen on " + address + ": " + done.cause(), done.cause()));
      }
    }));
    return result;
  }
}
