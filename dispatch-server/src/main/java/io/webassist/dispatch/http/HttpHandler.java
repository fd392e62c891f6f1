package io.webassist.dispatch.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP routes: {@code /healthz} (200 while serving, 503 while shutting down),
 * {@code /metrics} (the counters and gauges as JSON), and the demo site from the class path at
 * everything else. GET and HEAD only.
 */
@Sharable
public final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Supplier<Map<String, Object>> metrics;
  private final Supplier<Boolean> serving;
  private final StaticFiles site = new StaticFiles("demo-site");

  /**
   * @param metrics the metrics snapshot to serve
   * @param serving false once the server is shutting down
   */
  public HttpHandler(Supplier<Map<String, Object>> metrics, Supplier<Boolean> serving) {
    this.metrics = metrics;
    this.serving = serving;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws JsonProcessingException {
    if (!request.decoderResult().isSuccess()) {
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "text/plain; charset=utf-8", text("bad request\n"));
      return;
    }
    if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
      respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", text("GET only\n"));
      return;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    switch (path) {
      case "/healthz" -> {
        boolean up = serving.get();
        respond(ctx, request, up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
            "application/json", text(up ? "{\"status\":\"ok\"}\n" : "{\"status\":\"shutting_down\"}\n"));
      }
      case "/metrics" -> respond(ctx, request, HttpResponseStatus.OK, "application/json",
          JSON.writeValueAsBytes(metrics.get()));
      default -> site.find(path).ifPresentOrElse(
          file -> respond(ctx, request, HttpResponseStatus.OK, file.contentType(), file.content()),
          () -> respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8",
              text("not found\n")));
    }
  }

  private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
      String contentType, byte[] body) {
    boolean head = request.method().equals(HttpMethod.HEAD);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    response.headers().set("X-Content-Type-Options", "nosniff");
    HttpUtil.setContentLength(response, body.length);
    HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
    ctx.writeAndFlush(response);
  }

  private static byte[] text(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException || cause instanceof ReadTimeoutException) {
      LOG.debug("http connection closed reason={}", cause.toString());
    } else {
      LOG.warn("http request failed", cause);
    }
    ctx.close();
  }
}
