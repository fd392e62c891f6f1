package io.webassist.dispatch.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
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
import io.webassist.dispatch.metrics.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP routes: {@code /healthz} (200 while serving, 503 while shutting down),
 * {@code /metrics} (Prometheus text format) and {@code /metrics.json} (the same counters and gauges as
 * JSON, for people), {@code /assist.jnlp} (the launch file the
 * page's help button opens, made for that request: {@link AssistJnlp}), {@code /client/webassist-client.jar}
 * (the signed client it launches), and the demo site from the class path at everything else.
 * GET and HEAD only.
 */
@Sharable
public final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Supplier<Map<String, Object>> metrics;
  private final Metrics prometheus;
  private final Supplier<Boolean> serving;
  private final StaticFiles site = new StaticFiles("demo-site");
  private final ConsoleLaunch console = ConsoleLaunch.locate(); // /agent/, /console.jnlp, /console/*.jar
  private final Launch launch;

  /**
   * What the launch endpoints need.
   *
   * @param publicHost the host the client should dial, or null for the host the browser used
   * @param tcpPort the dispatch server's TCP port
   * @param fingerprint the TCP listener's certificate fingerprint, or null when TLS is off
   * @param clientJar the signed client jar, or null when there is none (the JNLP answers 503)
   * @param https whether the HTTP listener speaks TLS ({@code http.tls}): the launch file's codebase is https
   * @param publicBaseUrl where browsers reach this HTTP port ({@code http.publicBaseUrl}), or null for the Host header
   */
  public record Launch(String publicHost, int tcpPort, String fingerprint, ClientJar clientJar, boolean https,
      String publicBaseUrl) {
    /** For a plain HTTP listener reached at its Host header. */
    public Launch(String publicHost, int tcpPort, String fingerprint, ClientJar clientJar) {
      this(publicHost, tcpPort, fingerprint, clientJar, false, null);
    }
  }

  /**
   * @param metrics the metrics snapshot to serve
   * @param serving false once the server is shutting down
   * @param launch what {@code /assist.jnlp} and the client jar route need
   */
  public HttpHandler(Supplier<Map<String, Object>> metrics, Supplier<Boolean> serving, Launch launch) {
    this(metrics, null, serving, launch);
  }

  /** As above, with {@code /metrics} in the Prometheus text format from {@code prometheus}. */
  public HttpHandler(Metrics prometheus, Supplier<Boolean> serving, Launch launch) {
    this(prometheus::snapshot, prometheus, serving, launch);
  }

  private HttpHandler(Supplier<Map<String, Object>> metrics, Metrics prometheus, Supplier<Boolean> serving,
      Launch launch) {
    this.metrics = metrics;
    this.prometheus = prometheus;
    this.serving = serving;
    this.launch = launch;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws JsonProcessingException {
    if (!request.decoderResult().isSuccess()) {
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST, TEXT, text("bad request\n"));
      return;
    }
    if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
      respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT, text("GET only\n"));
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
    if (console.serves(path)) {
      ctx.writeAndFlush(console.respond(request, launch));
      return;
    }
    switch (path) {
      case "/assist.jnlp" -> assistJnlp(ctx, request, uri.parameters());
      case ClientJar.URL_PATH -> clientJar(ctx, request);
      case "/healthz" -> {
        boolean up = serving.get();
        respond(ctx, request, up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
            "application/json", text(up ? "{\"status\":\"ok\"}\n" : "{\"status\":\"shutting_down\"}\n"));
      }
      case "/metrics" -> prometheusMetrics(ctx, request);
      case "/metrics.json" -> respond(ctx, request, HttpResponseStatus.OK, "application/json",
          JSON.writeValueAsBytes(metrics.get()));
      default -> site.find(path).ifPresentOrElse(
          file -> respond(ctx, request, HttpResponseStatus.OK, file.contentType(), file.content()),
          () -> respond(ctx, request, HttpResponseStatus.NOT_FOUND, TEXT,
              text("not found\n")));
    }
  }

  private void prometheusMetrics(ChannelHandlerContext ctx, FullHttpRequest request) throws JsonProcessingException {
    if (prometheus == null) {
      respond(ctx, request, HttpResponseStatus.OK, "application/json", JSON.writeValueAsBytes(metrics.get()));
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(8_192);
    try {
      prometheus.writePrometheus(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    }
    respond(ctx, request, HttpResponseStatus.OK, prometheus.prometheusContentType(), body.toByteArray());
  }

  private void assistJnlp(ChannelHandlerContext ctx, FullHttpRequest request, Map<String, List<String>> query) {
    if (launch.clientJar() == null) {
      respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, TEXT,
          text("The help client is not installed on this server (no webassist-client.jar; see http.clientJar "
              + "in docs/OPERATIONS.md), so it cannot be launched.\n"));
      return;
    }
    try {
      String jnlp = AssistJnlp.build(query, request.headers().get(HttpHeaderNames.HOST), launch.publicHost(),
          launch.tcpPort(), launch.fingerprint(), launch.https(), launch.publicBaseUrl());
      FullHttpResponse response = response(request, HttpResponseStatus.OK, AssistJnlp.CONTENT_TYPE, text(jnlp));
      // a browser saves it under this name, which the site's page can then tell the person to open
      response.headers().set(HttpHeaderNames.CONTENT_DISPOSITION, AssistJnlp.attachment("assist.jnlp"));
      ctx.writeAndFlush(response);
    } catch (AssistJnlp.BadRequest e) {
      LOG.debug("assist.jnlp refused remote={} reason={}", ctx.channel().remoteAddress(), e.getMessage());
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST, TEXT, text("bad help link: " + e.getMessage() + "\n"));
    }
  }

  /** The signed jar; may be cached, but launchers must ask again (If-Modified-Since → 304). */
  private void clientJar(ChannelHandlerContext ctx, FullHttpRequest request) {
    ClientJar jar = launch.clientJar();
    if (jar == null) {
      respond(ctx, request, HttpResponseStatus.NOT_FOUND, TEXT, text("no client jar on this server\n"));
      return;
    }
    long seconds = jar.lastModified() / 1000;
    String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        Instant.ofEpochSecond(seconds).atZone(ZoneOffset.UTC));
    String since = request.headers().get(HttpHeaderNames.IF_MODIFIED_SINCE);
    boolean unchanged = false;
    if (since != null) {
      try {
        unchanged = ZonedDateTime.parse(since, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond() >= seconds;
      } catch (DateTimeParseException e) {
        unchanged = false;
      }
    }
    FullHttpResponse response = unchanged
        ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED)
        : response(request, HttpResponseStatus.OK, "application/java-archive", jar.content());
    response.headers().set(HttpHeaderNames.LAST_MODIFIED, lastModified);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    if (unchanged) {
      HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
    }
    ctx.writeAndFlush(response);
  }

  private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
      String contentType, byte[] body) {
    ctx.writeAndFlush(response(request, status, contentType, body));
  }

  private static FullHttpResponse response(FullHttpRequest request, HttpResponseStatus status,
      String contentType, byte[] body) {
    boolean head = request.method().equals(HttpMethod.HEAD);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    response.headers().set("X-Content-Type-Options", "nosniff");
    HttpUtil.setContentLength(response, body.length);
    HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
    return response;
  }

  private static byte[] text(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      LOG.debug("http connection idle; closing");
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      LOG.debug("http connection closed reason={}", cause.toString());
    } else {
      LOG.warn("http request failed", cause);
    }
    ctx.close();
  }
}
