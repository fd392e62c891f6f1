package io.webassist.dispatch.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' side of the HTTP port (claims 97, 108; issue 9): {@code /agent/}, the agents' page with
 * a "Start the console" button; {@code /console.jnlp}, the launch file made for this server
 * ({@link ConsoleJnlp}); and {@code /console/…}, the signed jars it names ({@link ConsoleJars}).
 * Every answer is built here from what was found at start; nothing here blocks.
 */
public final class ConsoleLaunch {

  static final String AGENT_PAGE = "/agent/";
  static final String JNLP = "/console.jnlp";

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleLaunch.class);
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final Pattern HOST_HEADER = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:\\d{1,5})?");

  private final ConsoleJars jars;
  private final StaticFiles site = new StaticFiles("agent-site");

  ConsoleLaunch(ConsoleJars jars) {
    this.jars = jars;
  }

  /** Looks for the console's jars once (see {@link ConsoleJars}); without them the JNLP answers 503. */
  public static ConsoleLaunch locate() {
    return new ConsoleLaunch(ConsoleJars.locate().orElse(null));
  }

  /** Whether {@code path} is one of these routes. */
  public boolean serves(String path) {
    return path.equals(JNLP) || path.equals("/agent") || path.startsWith(AGENT_PAGE) || path.startsWith(ConsoleJars.URL_PREFIX);
  }

  /** The answer for a GET or HEAD of one of {@link #serves these} paths. */
  public FullHttpResponse respond(FullHttpRequest request, HttpHandler.Launch launch) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
    if (path.equals("/agent")) {
      FullHttpResponse redirect = response(request, HttpResponseStatus.MOVED_PERMANENTLY, TEXT, text("/agent/\n"));
      redirect.headers().set(HttpHeaderNames.LOCATION, AGENT_PAGE);
      return redirect;
    }
    if (path.startsWith(AGENT_PAGE)) {
      return site.find(path.substring(AGENT_PAGE.length() - 1))
          .map(file -> response(request, HttpResponseStatus.OK, file.contentType(), file.content()))
          .orElseGet(() -> response(request, HttpResponseStatus.NOT_FOUND, TEXT, text("not found\n")));
    }
    if (path.equals(JNLP)) {
      return jnlp(request, uri.parameters().getOrDefault("agent", List.of()), launch);
    }
    return jar(request, path);
  }

  private FullHttpResponse jnlp(FullHttpRequest request, List<String> agent, HttpHandler.Launch launch) {
    if (jars == null) {
      return response(request, HttpResponseStatus.SERVICE_UNAVAILABLE, TEXT,
          text("The agent console is not installed on this server (no webassist-console.jar; see "
              + "\"The agents' page\" in docs/OPERATIONS.md), so it cannot be started from here.\n"));
    }
    String host = request.headers().get(HttpHeaderNames.HOST);
    try {
      if (host == null || !HOST_HEADER.matcher(host).matches()) {
        throw new AssistJnlp.BadRequest("missing or unusable Host header");
      }
      if (agent.size() > 1) {
        throw new AssistJnlp.BadRequest("'agent' is given more than once");
      }
      String agentId = agent.isEmpty() ? null : agent.get(0).strip();
      String serverHost = launch.publicHost() != null ? launch.publicHost() : hostOnly(host);
      String jnlp = ConsoleJnlp.build("http://" + host + "/", serverHost + ":" + launch.tcpPort(),
          launch.fingerprint(), agentId, jars);
      FullHttpResponse response = response(request, HttpResponseStatus.OK, AssistJnlp.CONTENT_TYPE, text(jnlp));
      response.headers().set(HttpHeaderNames.CONTENT_DISPOSITION, AssistJnlp.attachment("console.jnlp"));
      return response;
    } catch (AssistJnlp.BadRequest e) {
      LOG.debug("console.jnlp refused reason={}", e.getMessage());
      return response(request, HttpResponseStatus.BAD_REQUEST, TEXT, text("bad console link: " + e.getMessage() + "\n"));
    }
  }

  /** A signed jar; launchers may cache it but must ask again (If-Modified-Since → 304). */
  private FullHttpResponse jar(FullHttpRequest request, String path) {
    Optional<ConsoleJars.Jar> found = jars == null ? Optional.empty() : jars.jar(path);
    if (found.isEmpty()) {
      return response(request, HttpResponseStatus.NOT_FOUND, TEXT, text("not found\n"));
    }
    ConsoleJars.Jar jar = found.get();
    long seconds = jar.lastModified() / 1000;
    String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochSecond(seconds).atZone(ZoneOffset.UTC));
    FullHttpResponse response;
    if (unchangedSince(request, seconds)) {
      response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
      HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
    } else {
      boolean head = request.method().equals(HttpMethod.HEAD);
      response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
          head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(jar.content().duplicate()));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/java-archive");
      HttpUtil.setContentLength(response, jar.content().capacity());
      HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
    }
    response.headers().set(HttpHeaderNames.LAST_MODIFIED, lastModified);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    return response;
  }

  private static boolean unchangedSince(FullHttpRequest request, long seconds) {
    String since = request.headers().get(HttpHeaderNames.IF_MODIFIED_SINCE);
    if (since == null) {
      return false;
    }
    try {
      return ZonedDateTime.parse(since, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond() >= seconds;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static FullHttpResponse response(FullHttpRequest request, HttpResponseStatus status, String contentType,
      byte[] body) {
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

  private static String hostOnly(String hostHeader) {
    int colon = hostHeader.lastIndexOf(':');
    return colon > hostHeader.lastIndexOf(']') ? hostHeader.substring(0, colon) : hostHeader;
  }

  private static byte[] text(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
