package io.webassist.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.webassist.protocol.transport.NettyTransport;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator's event loops: a few threads drive every connection (never a thread per
 * connection). New connections take their source address in turn from 127.0.0.2 … 127.0.0.254,
 * so that tens of thousands of connections to one server port do not run out of ephemeral ports
 * (the kernel hands out about 28,000 per source address).
 */
public final class LoadGroup implements AutoCloseable {

  /** Source addresses 127.0.0.2 … 127.0.0.254: loopback only. */
  private static final int FIRST_HOST = 2;
  private static final int HOSTS = 253;

  private final EventLoopGroup group;
  private final NettyTransport transport;
  private final AtomicInteger nextSource = new AtomicInteger();

  /** On the {@code auto} transport (epoll where available). */
  public LoadGroup(int threads) {
    this(threads, NettyTransport.choose("auto"));
  }

  public LoadGroup(int threads, NettyTransport transport) {
    this.transport = transport;
    this.group = transport.newGroup(threads);
  }

  public EventLoopGroup group() {
    return group;
  }

  public String transport() {
    return transport.setting();
  }

  /** A client bootstrap on these loops; {@code handler} is usually a {@code ChannelInitializer}. */
  public Bootstrap bootstrap(ChannelHandler handler) {
    return new Bootstrap()
        .group(group)
        .channel(transport.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(handler);
  }

  /** Connects from the next 127.0.0.x source address. */
  public ChannelFuture connect(Bootstrap bootstrap, String host, int port) {
    int i = Math.floorMod(nextSource.getAndIncrement(), HOSTS);
    InetSocketAddress local = new InetSocketAddress("127.0.0." + (FIRST_HOST + i), 0);
    return bootstrap.connect(new InetSocketAddress(host, port), local);
  }

  /** Connects and waits (bounded) for the connection. */
  public Channel connectSync(Bootstrap bootstrap, String host, int port) throws InterruptedException {
    ChannelFuture f = connect(bootstrap, host, port);
    if (!f.await(15, TimeUnit.SECONDS) || !f.isSuccess()) {
      throw new IllegalStateException("connect to " + host + ":" + port + " failed", f.cause());
    }
    return f.channel();
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }
}
