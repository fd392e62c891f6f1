package io.webassist.dispatch.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/** The pipeline of the HTTP listener: health, metrics and the demo site. */
public final class HttpInitializer extends ChannelInitializer<SocketChannel> {

  /** Largest request (headers and body) the HTTP listener reads; it only serves GETs. */
  private static final int MAX_REQUEST_BYTES = 16 * 1024;
  private static final int IDLE_SECONDS = 30;

  private final HttpHandler handler;

  public HttpInitializer(HttpHandler handler) {
    this.handler = handler;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    // a connection with no traffic either way for this long is closed (HttpHandler closes on the
    // event): idle sockets must not pile up, and a slow download is traffic, not idleness
    pipeline.addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS));
    // bytes ↔ HTTP/1.1 messages
    pipeline.addLast("httpCodec", new HttpServerCodec());
    // keep-alive bookkeeping: Connection headers, close after a non-keep-alive response
    pipeline.addLast("keepAlive", new HttpServerKeepAliveHandler());
    // one FullHttpRequest per request; bigger ones get 413
    pipeline.addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES));
    // routes: /healthz, /metrics, the demo site
    pipeline.addLast("routes", handler);
  }
}
