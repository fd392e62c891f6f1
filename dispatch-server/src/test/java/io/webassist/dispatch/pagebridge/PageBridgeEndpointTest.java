package io.webassist.dispatch.pagebridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.webassist.dispatch.DispatchServer;
import io.webassist.dispatch.config.AgentConfig;
import io.webassist.dispatch.config.CobrowseConfig;
import io.webassist.dispatch.config.HttpConfig;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import io.webassist.dispatch.testing.LineClient;
import io.webassist.dispatch.testing.TestHashes;
import io.webassist.protocol.codec.FrameMapper;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Hello;
import io.webassist.protocol.frame.PageBridgeState;
import io.webassist.protocol.frame.PageCommand;
import io.webassist.protocol.frame.PageEvent;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.SupportRequest;
import io.webassist.protocol.frame.Welcome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page bridge over real sockets (issue 11): launches only for allowed pages and their one-time
 * launch files, the WebSocket handshake rules (origin, single-use keys), the pairing with the one
 * client that presented the key, typed frames both ways, and {@code wss} when the HTTP port has TLS.
 */
class PageBridgeEndpointTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> open = new ArrayList<>();
  private DispatchServer server;
  private String site;

  @TempDir
  Path dir;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void start(ServerConfig adjust) throws Exception {
    Path jar = dir.resolve("webassist-client.jar");
    Files.write(jar, new byte[] {'P', 'K'});
    server = DispatchServer.start(adjust.withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
        .withAgents(List.of(AgentConfig.of("alice", "Alice", List.of("general"), TestHashes.HASH)))
        .withHttp(new HttpConfig(jar, adjust.http().tls())));
    site = (adjust.http().tls() ? "https" : "http") + "://127.0.0.1:" + server.httpPort();
  }

  private void startPlain() throws Exception {
    start(ServerConfig.defaults().withTls(TlsConfig.disabled()));
  }

  private HttpResponse<String> launch(String origin, String form) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(site + "/assist/launch"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode launchOk() throws Exception {
    HttpResponse<String> response = launch(site, "customer=acme-42&name=Ada&url="
        + URLEncoder.encode(site + "/shop/cart.html", StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue(site);
    return JSON.readTree(response.body());
  }

  /** The first line of the server's answer to a WebSocket handshake written by hand. */
  private String handshake(String origin, String key) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String request = "GET /assist/page" + (key == null ? "" : "?key=" + key) + " HTTP/1.1\r\n"
          + "Host: 127.0.0.1:" + server.httpPort() + "\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
          + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
  }

  @Test
  void anAllowedPageGetsAKeyAndALaunchFileThatWorksOnce() throws Exception {
    startPlain();
    JsonNode launch = launchOk();
    String key = launch.get("pageKey").asText();
    assertThat(key).hasSize(24).matches("[A-Za-z0-9_-]+");
    assertThat(launch.get("socketUrl").asText()).isEqualTo("ws://127.0.0.1:" + server.httpPort() + "/assist/page");

    HttpResponse<String> file = http.send(HttpRequest.newBuilder(URI.create(launch.get("launchUrl").asText())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).contains("<argument>--page-key</argument>\n    <argument>" + key + "</argument>",
        "<argument>acme-42</argument>", "<argument>Ada</argument>");

    HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(launch.get("launchUrl").asText())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.body()).contains("used already");
  }

  @Test
  void theHelpScriptIsSmallAndNeverTurnsNetworkTextIntoCodeOrMarkup() throws Exception {
    startPlain();
    HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(site + "/webassist-help.js")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(15 * 1024);
    assertThat(script.body()).contains("'use strict'", "attachShadow", "CSS.escape", "textContent", "window.WebAssist")
        .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
            "setTimeout('", "setTimeout(\"");
  }

  @Test
  void launchesFromOtherOriginsNullOrNoneAreRefused() throws Exception {
    startPlain();
    String form = "url=" + URLEncoder.encode("https://evil.example/x", StandardCharsets.UTF_8);
    assertThat(launch("https://evil.example", form).statusCode()).isEqualTo(403);
    assertThat(launch("null", form).statusCode()).isEqualTo(403);
    assertThat(launch(null, form).statusCode()).isEqualTo(403);
    assertThat(launch(site, "url=javascript:alert(1)").statusCode()).isEqualTo(400);
  }

  @Test
  void aPageKeyCannotBeSmuggledIntoTheOrdinaryLaunchFile() throws Exception {
    startPlain();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(site
        + "/assist.jnlp?url=https%3A%2F%2Fa.example%2F&name=A&pageKey=AAAAAAAAAAAAAAAAAAAAAAAA")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void handshakesNeedAnAllowedOriginAndALiveKeyUsedOnce() throws Exception {
    startPlain();
    String key = launchOk().get("pageKey").asText();

    assertThat(handshake(null, key)).contains("403");
    assertThat(handshake("null", key)).contains("403");
    assertThat(handshake("https://evil.example", key)).contains("403");
    assertThat(handshake("http://localhost:" + server.httpPort(), key)).contains("403");
    assertThat(handshake(site, "AAAAAAAAAAAAAAAAAAAAAAAA")).contains("403");
    assertThat(handshake(site, "not-a-key")).contains("403");
    assertThat(handshake(site, null)).contains("403");
    // the refusals above did not use the key up
    assertThat(handshake(site, key)).contains("101");
    assertThat(handshake(site, key)).as("a reused key").contains("403");
  }

  @Test
  void configuredPageOriginsAreTheOnlyOnesAllowed() throws Exception {
    start(ServerConfig.defaults().withTls(TlsConfig.disabled())
        .withCobrowse(CobrowseConfig.defaults().withPageOrigins(List.of("https://Shop.Example:443"))));
    String form = "url=" + URLEncoder.encode("https://shop.example/cart", StandardCharsets.UTF_8);
    assertThat(launch(site, form).statusCode()).as("its own pages no longer").isEqualTo(403);
    HttpResponse<String> ok = launch("https://shop.example", form);
    assertThat(ok.statusCode()).isEqualTo(200);
    String key = JSON.readTree(ok.body()).get("pageKey").asText();
    assertThat(handshake("https://shop.example.evil.example", key)).contains("403");
    assertThat(handshake("https://shop.example", key)).contains("101");
  }

  @Test
  void thePageAndTheClientThatPresentedTheKeyArePairedAndTalkInTypedFrames() throws Exception {
    startPlain();
    String key = launchOk().get("pageKey").asText();
    PageClient page = PageClient.open(site, server.httpPort(), key);
    open.add(page);
    PageBridgeState connected = (PageBridgeState) page.next();
    assertThat(connected.state()).isEqualTo("connected");
    assertThat(connected.key()).isNotEqualTo(key).hasSize(24);

    LineClient user = user();
    user.send(new SupportRequest("Ada", null, "acme-42", site + "/shop/cart.html", null, null, null, key));
    assertThat(user.expect(PageBridgeState.class).state()).isEqualTo("paired");
    assertThat(user.expect(PageBridgeState.class).state()).isEqualTo("page_connected");
    user.expect(SupportQueued.class);

    user.send(PageCommand.navigate(site + "/shop/premium.html"));
    assertThat(page.next()).isEqualTo(PageCommand.navigate(site + "/shop/premium.html"));
    page.send("{\"type\":\"page.event\",\"event\":\"input\",\"field\":\"voucher\",\"value\":\"SPRING-10\"}");
    assertThat(user.expect(PageEvent.class)).isEqualTo(PageEvent.input("voucher", "SPRING-10"));

    // a second client with the same key gets nothing
    LineClient thief = user();
    thief.send(new SupportRequest("Mallory", null, "acme-42", site + "/", null, null, null, key));
    PageBridgeState refused = thief.expect(PageBridgeState.class);
    assertThat(refused.state()).isEqualTo("refused");
    thief.send(PageCommand.navigate("https://evil.example/"));
    assertThat(thief.skipTo(io.webassist.protocol.frame.ErrorFrame.class).message()).contains("no page");

    // the tab goes to its next page: the old socket closes, the new key opens the next one
    page.close();
    assertThat(user.expect(PageBridgeState.class).state()).isEqualTo("page_left");
    assertThat(handshake(site, key)).as("the first key again").contains("403");
    PageClient next = PageClient.open(site, server.httpPort(), connected.key());
    open.add(next);
    assertThat(((PageBridgeState) next.next()).state()).isEqualTo("connected");
    assertThat(user.expect(PageBridgeState.class).state()).isEqualTo("page_connected");

    // the client leaves: the bridge is over for the page too
    user.close();
    assertThat(next.next()).isEqualTo(PageBridgeState.of("closed", "client_left"));
    next.awaitClosed();
  }

  @Test
  void endOnThePageTellsTheClientAndClosesTheBridge() throws Exception {
    startPlain();
    String key = launchOk().get("pageKey").asText();
    LineClient user = user();
    user.send(new SupportRequest("Ada", null, "acme-42", site + "/", null, null, null, key));
    assertThat(user.expect(PageBridgeState.class).state()).isEqualTo("paired");
    PageClient page = PageClient.open(site, server.httpPort(), key);
    open.add(page);
    String nextKey = ((PageBridgeState) page.next()).key();

    page.send("{\"type\":\"page.event\",\"event\":\"end\"}");

    assertThat(user.skipTo(PageEvent.class)).isEqualTo(PageEvent.of("end"));
    assertThat(user.skipTo(PageBridgeState.class)).isEqualTo(PageBridgeState.of("closed", "ended_on_page"));
    page.awaitClosed();
    assertThat(handshake(site, nextKey)).as("no key of an ended bridge opens anything").contains("403");
  }

  @Test
  void aPageThatSendsAnythingButPageEventsIsClosed() throws Exception {
    startPlain();
    String key = launchOk().get("pageKey").asText();
    PageClient page = PageClient.open(site, server.httpPort(), key);
    open.add(page);
    page.next();
    page.send("{\"type\":\"page.command\",\"action\":\"navigate\",\"url\":\"https://evil.example/\"}");
    assertThat(page.awaitClosed()).isEqualTo(1008);
  }

  @Test
  void withHttpTlsThePageSocketIsWss() throws Exception {
    start(ServerConfig.defaults().withTls(TlsConfig.selfSigned(dir.resolve("tls")))
        .withHttp(new HttpConfig(null, true)));
    SSLContext trustAll = SSLContext.getInstance("TLS");
    trustAll.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
    String form = "url=" + URLEncoder.encode(site + "/", StandardCharsets.UTF_8);
    String launched = https(trustAll, "POST /assist/launch HTTP/1.1\r\nHost: 127.0.0.1:" + server.httpPort()
        + "\r\nOrigin: " + site + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
        + form.length() + "\r\nConnection: close\r\n\r\n" + form, Integer.MAX_VALUE);
    assertThat(launched).startsWith("HTTP/1.1 200");
    JsonNode launch = JSON.readTree(launched.substring(launched.indexOf("\r\n\r\n") + 4));
    assertThat(launch.get("socketUrl").asText()).startsWith("wss://");
    String file = https(trustAll, "GET " + URI.create(launch.get("launchUrl").asText()).getRawPath()
        + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.httpPort() + "\r\nConnection: close\r\n\r\n", Integer.MAX_VALUE);
    assertThat(file).startsWith("HTTP/1.1 200").contains("codebase=\"https://127.0.0.1:" + server.httpPort() + "/\"");

    String upgraded = https(trustAll, "GET /assist/page?key=" + launch.get("pageKey").asText() + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + server.httpPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: " + site + "\r\n\r\n", 1);
    assertThat(upgraded).contains("101");
  }

  /** Writes {@code request} over TLS and reads up to {@code lines} lines of the answer. */
  private String https(SSLContext context, String request, int lines) throws Exception {
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.httpPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      assertThat(socket.getSession().getProtocol()).startsWith("TLSv1.");
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder answer = new StringBuilder();
      String line;
      for (int i = 0; i < lines && (line = in.readLine()) != null; i++) {
        answer.append(line).append("\r\n");
      }
      return answer.toString();
    }
  }

  @Test
  void httpTlsWithoutTlsIsRefusedAtStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(ServerConfig.defaults()
        .withTls(TlsConfig.disabled()).withHttp(new HttpConfig(null, true))))
        .hasMessageContaining("http.tls needs TLS on");
  }

  private LineClient user() {
    LineClient client = new LineClient(server.tcpPort());
    open.add(client);
    client.send(new Hello(Role.USER));
    client.expect(Welcome.class);
    return client;
  }

  /** A page's WebSocket, played by the JDK's client (which sends the Origin we give it). */
  static final class PageClient implements WebSocket.Listener, AutoCloseable {
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static PageClient open(String origin, int port, String key) {
      PageClient client = new PageClient();
      client.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin)
          .buildAsync(URI.create("ws://127.0.0.1:" + port + "/assist/page?key=" + key), client).join();
      return client;
    }

    Frame next() throws Exception {
      String text = texts.poll(10, TimeUnit.SECONDS);
      assertThat(text).as("a message from the server").isNotNull();
      return FrameMapper.INSTANCE.read(text);
    }

    void send(String text) {
      socket.sendText(text, true).join();
    }

    int awaitClosed() {
      return await().atMost(Duration.ofSeconds(10)).until(() -> closed.getNow(null), code -> code != null);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }

    @Override
    public void close() {
      if (!socket.isOutputClosed()) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "navigating").join();
      }
      socket.abort();
    }
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) { }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) { }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
