package io.webassist.link.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.webassist.link.LinkException;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens outgoing connections and listening sockets with the link pipeline; results arrive on the
 * link thread. With a TLS context an outgoing connection counts as open only once the handshake has
 * succeeded, so a wrong pinned fingerprint fails the connect with {@link LinkException#TLS_FAILED}
 * before any frame is sent.
 */
public final class Connector {
  private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

  /** Above this many unsent bytes a connection reports not writable; droppable events are dropped. */
  private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 256 * 1024);

  private Connector() {}

  /**
   * Connects to {@code host:port}, with TLS if {@code tls} is not null; the future completes on the
   * link thread once the connection (and its handshake) is up.
   */
  public static CompletableFuture<FrameChannel> connect(LinkRuntime runtime, LinkOptions options, SslContext tls,
      String host, int port, Duration timeout, FrameSink firstOwner) {
    CompletableFuture<FrameChannel> result = new CompletableFuture<>();
    Bootstrap bootstrap = new Bootstrap()
        .group(runtime.ioGroup())
        .channel(runtime.transport().socketChannel())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .handler(new LinkChannelInitializer(runtime, options, tls, firstOwner));
    ChannelFuture connecting = bootstrap.connect(host, port);
    connecting.addListener(done -> {
      if (!done.isSuccess()) {
        runtime.execute(() -> result.completeExceptionally(new LinkException(LinkException.CONNECT_FAILED,
            "cannot connect to " + host + ":" + port + ": " + done.cause(), done.cause())));
        return;
      }
      Channel channel = connecting.channel();
      SslHandler ssl = channel.pipeline().get(SslHandler.class);
      if (ssl == null) {
        runtime.execute(() -> result.complete(FrameChannel.of(channel)));
        return;
      }
      ssl.handshakeFuture().addListener(handshake -> runtime.execute(() -> {
        if (handshake.isSuccess()) {
          result.complete(FrameChannel.of(channel));
        } else {
          channel.close();
          result.completeExceptionally(tlsFailed(host + ":" + port, handshake.cause()));
        }
      }));
    });
    return result;
  }

  /**
   * Binds a listening socket; accepted connections get the link pipeline owned by
   * {@code firstOwner}, with TLS (server side) if {@code tls} is not null.
   */
  public static CompletableFuture<Channel> listen(LinkRuntime runtime, LinkOptions options, SslContext tls,
      InetSocketAddress address, FrameSink firstOwner) {
    CompletableFuture<Channel> result = new CompletableFuture<>();
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(runtime.ioGroup())
        .channel(runtime.transport().serverChannel())
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.SO_BACKLOG, 16)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .childHandler(new LinkChannelInitializer(runtime, options, tls, firstOwner));
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

  /** A failed handshake as a {@link LinkException}; the whole cause chain is logged, since OpenSSL wraps the reason. */
  static LinkException tlsFailed(String target, Throwable cause) {
    String chain = causeChain(cause);
    LOG.warn("TLS handshake failed target={} causes=[{}]", target, chain);
    LOG.debug("TLS handshake failure target={}", target, cause);
    return new LinkException(LinkException.TLS_FAILED, "TLS handshake with " + target + " failed: " + chain, cause);
  }

  /** Every cause's class and message, outermost first, separated by " <- ". */
  public static String causeChain(Throwable cause) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (text.length() > 0) {
        text.append(" <- ");
      }
      text.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        String message = t.getMessage();
        // NotSslRecordException carries the whole unexpected record in hex
        text.append(": ").append(message.length() > 160 ? message.substring(0, 160) + "…" : message);
      }
    }
    return text.toString();
  }
}
