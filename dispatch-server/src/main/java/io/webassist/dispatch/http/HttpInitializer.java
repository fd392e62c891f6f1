package io.webassist.dispatch.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.webassist.dispatch.pagebridge.PageBridgeHttp;

/**
 * The pipeline of the HTTP listener: health, metrics, the demo site, the launch files and the page
 * bridge's WebSocket (which replaces the HTTP stages after {@code pageBridge} once upgraded).
 */
public final class HttpInitializer extends ChannelInitializer<SocketChannel> {

  /** Largest request (headers and body) the HTTP listener reads; GETs and small launch POSTs only. */
  private static final int MAX_REQUEST_BYTES = 16 * 1024;
  private static final int IDLE_SECONDS = 30;

  private final HttpHandler handler;
  private final PageBridgeHttp pageBridge;
  private final SslContext tls;

  public HttpInitializer(HttpHandler handler) {
    this(handler, null, null);
  }

  /**
   * @param pageBridge the page bridge's routes, or null for none
   * @param tls the server's TLS context when the HTTP listener speaks HTTPS ({@code http.tls}), else null
   */
  public HttpInitializer(HttpHandler handler, PageBridgeHttp pageBridge, SslContext tls) {
    this.handler = handler;
    this.pageBridge = pageBridge;
    this.tls = tls;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    // HTTPS (and wss for the page bridge) with the TCP listener's identity, when configured
    if (tls != null) {
      pipeline.addLast("tls", tls.newHandler(channel.alloc()));
    }
    // a connection with no traffic either way for this long is closed (HttpHandler closes on the
    // event): idle sockets must not pile up, and a slow download is traffic, not idleness
    pipeline.addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS));
    // bytes ↔ HTTP/1.1 messages
    pipeline.addLast("httpCodec", new HttpServerCodec());
    // keep-alive bookkeeping: Connection headers, close after a non-keep-alive response
    pipeline.addLast("keepAlive", new HttpServerKeepAliveHandler());
    // one FullHttpRequest per request; bigger ones get 413
    pipeline.addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES));
    // the page bridge: POST /assist/launch, its one-time launch files, the page's WebSocket
    if (pageBridge != null) {
      pipeline.addLast("pageBridge", pageBridge);
    }
    // routes: /healthz, /metrics, /assist.jnlp, the client jar, the demo site
    pipeline.addLast("routes", handler);
  }
}
