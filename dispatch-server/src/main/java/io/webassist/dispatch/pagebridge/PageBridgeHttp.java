package io.webassist.dispatch.pagebridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.QueryStringEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.webassist.dispatch.config.CobrowseConfig;
import io.webassist.protocol.frame.Require;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page bridge's HTTP routes, ahead of the other routes in the HTTP pipeline:
 * <ul>
 *   <li>{@code POST /assist/launch} (form fields {@code url}, {@code customer}, {@code sig},
 *       {@code name}, {@code phone}) from an allowed page → {@code {launchUrl, pageKey, socketUrl}};
 *       {@code OPTIONS} answers the CORS preflight;</li>
 *   <li>{@code GET /assist/launch/<id>.jnlp} → the launch file, once, with the page key among the
 *       client's arguments (made by the {@code /assist.jnlp} route);</li>
 *   <li>{@code GET /assist/page?key=…} with {@code Upgrade: websocket} from an allowed page and a
 *       live key → the page's WebSocket ({@link PageSocketHandler}); anything else there → 403.</li>
 * </ul>
 * A {@code pageKey} on {@code /assist.jnlp} itself is refused: keys come only from a launch.
 * Everything else goes on to the next handler.
 */
@Sharable
public final class PageBridgeHttp extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(PageBridgeHttp.class);
  public static final String LAUNCH_PATH = "/assist/launch";
  public static final String SOCKET_PATH = "/assist/page";
  /** Largest WebSocket message a page may send (a page event with a long input value fits). */
  static final int MAX_SOCKET_MESSAGE = 32 * 1024;
  /** A page socket with nothing read for this long is closed; the server pings at a third of it. */
  static final int SOCKET_IDLE_SECONDS = 60;
  private static final Pattern LAUNCH_FILE = Pattern.compile("/assist/launch/([A-Za-z0-9_-]{24})\\.jnlp");
  private static final Pattern PAGE_URL = Pattern.compile("(?i)https?://[^\\s/?#]+([/?#]\\S*)?");
  private static final List<String> LAUNCH_FIELDS = List.of("url", "customer", "sig", "name", "phone");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PageHub hub;
  private final PageOrigins origins;
  private final boolean tls;

  public PageBridgeHttp(PageHub hub, CobrowseConfig cobrowse, boolean tls) {
    this.hub = hub;
    this.origins = new PageOrigins(cobrowse.pageOrigins(), tls);
    this.tls = tls;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (!(msg instanceof FullHttpRequest request) || !request.decoderResult().isSuccess()) {
      ctx.fireChannelRead(msg);
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
    if (path.equals(SOCKET_PATH)) {
      try {
        socket(ctx, request, uri);
      } finally {
        request.release();
      }
    } else if (path.equals(LAUNCH_PATH)) {
      try {
        launch(ctx, request);
      } finally {
        request.release();
      }
    } else if (path.startsWith(LAUNCH_PATH + "/")) {
      launchFile(ctx, request, path);
    } else if (path.equals("/assist.jnlp") && uri.parameters().containsKey("pageKey")) {
      request.release();
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST, null, "a page key comes only with a launch\n");
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  // ---- POST /assist/launch

  private void launch(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    String host = request.headers().get(HttpHeaderNames.HOST);
    if (!origins.allows(origin, host)) {
      LOG.info("page launch refused remote={} reason=origin", ctx.channel().remoteAddress());
      respond(ctx, request, HttpResponseStatus.FORBIDDEN, null, "this page may not ask for help here\n");
      return;
    }
    if (request.method().equals(HttpMethod.OPTIONS)) {
      FullHttpResponse response = response(request, HttpResponseStatus.NO_CONTENT, origin, "text/plain", new byte[0]);
      response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST");
      response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type");
      response.headers().set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
      ctx.writeAndFlush(response);
      return;
    }
    if (!request.method().equals(HttpMethod.POST)) {
      respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, origin, "POST only\n");
      return;
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    String problem = launchFields(request.content().toString(StandardCharsets.UTF_8), query);
    if (problem != null) {
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST, origin, "bad help request: " + problem + "\n");
      return;
    }
    Launch launch = hub.launch(query);
    if (launch == null) {
      respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, origin, "too many help requests; try again soon\n");
      return;
    }
    String base = (tls ? "https://" : "http://") + host;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("launchUrl", base + LAUNCH_PATH + "/" + launch.id() + ".jnlp");
    body.put("pageKey", launch.pageKey());
    body.put("socketUrl", (tls ? "wss://" : "ws://") + host + SOCKET_PATH);
    ctx.writeAndFlush(response(request, HttpResponseStatus.OK, origin, "application/json",
        JSON.writeValueAsBytes(body)));
  }

  /** Reads the form body into {@code query}; returns what is wrong with it, or null. */
  private static String launchFields(String body, Map<String, List<String>> query) {
    Map<String, List<String>> form = new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters();
    for (String field : LAUNCH_FIELDS) {
      List<String> values = form.getOrDefault(field, List.of());
      if (values.size() > 1) {
        return "'" + field + "' is given more than once";
      }
      String value = values.isEmpty() ? "" : values.get(0).strip();
      if (value.isEmpty()) {
        continue;
      }
      int max = field.equals("url") ? Require.URL : Require.SHORT_TEXT;
      if (value.length() > max || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        return "'" + field + "' is too long or contains control characters";
      }
      query.put(field, List.of(value));
    }
    if (!query.containsKey("url") || !PAGE_URL.matcher(query.get("url").get(0)).matches()) {
      return "'url' must be the http or https address of the page";
    }
    return null;
  }

  // ---- GET /assist/launch/<id>.jnlp

  private void launchFile(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    Matcher matcher = LAUNCH_FILE.matcher(path);
    Launch launch = matcher.matches() && request.method().equals(HttpMethod.GET) ? hub.takeLaunch(matcher.group(1)) : null;
    if (launch == null) {
      request.release();
      respond(ctx, request, HttpResponseStatus.NOT_FOUND, null,
          "This help link was used already or has expired. Press Get help on the page again.\n");
      return;
    }
    // the /assist.jnlp route makes the file, with the launch's own values and its page key
    QueryStringEncoder jnlp = new QueryStringEncoder("/assist.jnlp");
    launch.query().forEach((name, values) -> values.forEach(value -> jnlp.addParam(name, value)));
    jnlp.addParam("pageKey", launch.pageKey());
    request.setUri(jnlp.toString());
    ctx.fireChannelRead(request);
  }

  // ---- GET /assist/page (WebSocket)

  private void socket(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    HttpHeaders headers = request.headers();
    String origin = headers.get(HttpHeaderNames.ORIGIN);
    if (!headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST, null, "WebSocket only\n");
      return;
    }
    if (!origins.allows(origin, headers.get(HttpHeaderNames.HOST))) {
      hub.refusedHandshake();
      LOG.info("page socket refused remote={} reason=origin", ctx.channel().remoteAddress());
      respond(ctx, request, HttpResponseStatus.FORBIDDEN, null, "this page may not open the bridge\n");
      return;
    }
    List<String> keys = uri.parameters().getOrDefault("key", List.of());
    PageHub.Admission admission = keys.size() == 1 ? hub.admit(keys.get(0)) : null;
    if (admission == null) {
      LOG.info("page socket refused remote={} reason=key", ctx.channel().remoteAddress());
      respond(ctx, request, HttpResponseStatus.FORBIDDEN, null, "unknown, used or expired page key\n");
      return;
    }
    ChannelPipeline pipeline = ctx.pipeline();
    // from here on this connection is the page's socket: its own idle rule, no HTTP routes
    pipeline.replace("idle", "idle", new IdleStateHandler(SOCKET_IDLE_SECONDS, SOCKET_IDLE_SECONDS / 3, 0));
    pipeline.remove("keepAlive");
    pipeline.remove("routes");
    pipeline.addAfter(ctx.name(), "webSocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig
        .newBuilder().websocketPath(SOCKET_PATH).checkStartsWith(true).maxFramePayloadLength(MAX_SOCKET_MESSAGE)
        .allowExtensions(false).handshakeTimeoutMillis(10_000).build()));
    pipeline.addAfter("webSocket", "webSocketAggregator", new WebSocketFrameAggregator(MAX_SOCKET_MESSAGE));
    pipeline.addAfter("webSocketAggregator", "pageSocket", new PageSocketHandler(hub, admission));
    ctx.fireChannelRead(request.retain());
  }

  // ---- responses

  private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
      String allowedOrigin, String text) {
    ctx.writeAndFlush(response(request, status, allowedOrigin, "text/plain; charset=utf-8",
        text.getBytes(StandardCharsets.UTF_8)));
  }

  private static FullHttpResponse response(FullHttpRequest request, HttpResponseStatus status, String allowedOrigin,
      String contentType, byte[] body) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    HttpHeaders headers = response.headers();
    headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    if (allowedOrigin != null) {
      headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowedOrigin);
      headers.set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
    }
    HttpUtil.setContentLength(response, body.length);
    HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request) && status.code() < 400);
    return response;
  }
}
