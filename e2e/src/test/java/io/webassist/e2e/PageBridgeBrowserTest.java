package io.webassist.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.client.AssistClient;
import io.webassist.client.AssistRequest;
import io.webassist.client.ClientView;
import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.Side;
import io.webassist.cobrowse.UrlPolicy;
import io.webassist.dispatch.config.HttpConfig;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.app.CobrowseBinding;
import io.webassist.link.dispatch.DispatchConnection;
import io.webassist.link.session.SessionLink;
import io.webassist.link.session.SessionLinks;
import io.webassist.protocol.frame.AgentLogin;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.AgentStatus;
import io.webassist.protocol.frame.Availability;
import io.webassist.protocol.frame.CobrowseConsent;
import io.webassist.protocol.frame.CobrowseScroll;
import io.webassist.protocol.frame.OfferAccept;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SessionEvent;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportOffer;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page bridge in a real browser (issue 11; claims 92–94, 103–105): Chromium, headless, shows the
 * demo site served by a real dispatch server; "Get help" asks for a launch and downloads the launch
 * file, whose arguments start the real assist client in this JVM; the agent is the link library with
 * the shared co-browse model. Shown: the tab follows the agent's navigation and highlight, the agent
 * sees the person's typing but never a masked field's value (asserted on the page's own outgoing
 * WebSocket messages and on every event the agent received), the scroll the agent's command makes is
 * not reported back as the person's (the person's own scroll is), End on the badge withdraws consent, the
 * bridge reconnects by itself on the site's next page, and a page of another origin or a reused key is
 * refused.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromedriver} on the PATH (CI installs them); without
 * them the tests are skipped on a developer machine and fail under {@code CI=true}.
 */
class PageBridgeBrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String PASSWORD = "hunter2-never-sent";
  private static final String CARD = "4111111111111111";
  private static final String MEMBER = "M-4242-masked";

  /** Records every message the page's script sends over its WebSocket: the wire, as the page writes it. */
  private static final String RECORD_SENT = "window.__sent = window.__sent || [];"
      + "if (!WebSocket.prototype.__recorded) { var send = WebSocket.prototype.send;"
      + "WebSocket.prototype.send = function (d) { window.__sent.push(String(d)); return send.call(this, d); };"
      + "WebSocket.prototype.__recorded = true; }";

  /** One browser for the class (starting Chromium is the slow part); each test has its own server, so its own origin. */
  private static ChromeDriver browser;
  private static Path downloads;

  @TempDir
  Path dir;

  private DemoServer server;
  private String site;
  private LinkRuntime agentRuntime;
  private AssistClient client;

  @BeforeAll
  static void startBrowser(@TempDir Path browserDir) throws Exception {
    downloads = Files.createDirectories(browserDir.resolve("downloads"));
    browser = HeadlessChromium.start(downloads);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @BeforeEach
  void start() throws Exception {
    Path jar = Files.write(dir.resolve("webassist-client.jar"), new byte[] {'P', 'K'}); // never launched here
    server = DemoServer.start(config -> config.withHttp(new HttpConfig(jar)));
    site = "http://127.0.0.1:" + server.server.httpPort();
    agentRuntime = LinkRuntime.create();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.get("about:blank"); // off this test's server before it stops
    }
    if (client != null) {
      client.close();
    }
    if (agentRuntime != null) {
      agentRuntime.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void thePersonsTabFollowsTheAgentAndTheAgentSeesThePersonButNeverAMaskedField() throws Exception {
    // the agent, logged in and available
    FrameInbox agentInbox = new FrameInbox();
    DispatchConnection agent = DispatchConnection.builder(agentRuntime, "127.0.0.1", server.tcpPort(), Role.AGENT)
        .security(server.security()).onFrame(agentInbox).connect().join();
    agent.send(new AgentLogin("bob", "bob-demo"));
    agentInbox.await(AgentReady.class);
    agent.send(new AgentStatus(Availability.AVAILABLE));

    // the person: the cart page, "Get help" → a launch file with the page key → the assist client
    browser.get(site + "/shop/cart.html");
    js(RECORD_SENT);
    browser.findElement(By.cssSelector("a.help")).click();
    List<String> args = launchArguments(awaitDownload());
    String pageKey = argument(args, "--page-key");
    assertThat(pageKey).hasSize(24);
    assertThat(argument(args, "--page-url")).isEqualTo(site + "/shop/cart.html");
    client = startClient(args);

    SupportOffer offer = agentInbox.await(SupportOffer.class);
    assertThat(offer.pageUrl()).isEqualTo(site + "/shop/cart.html");
    agent.send(new OfferAccept(offer.requestId()));
    SessionStart start = agentInbox.await(SessionStart.class);
    CobrowseBinding agentModel = new CobrowseBinding(agentRuntime, Side.AGENT,
        UrlPolicy.forSession(start.cobrowseHosts(), start.pageUrl()), start.pageUrl());
    List<SessionEvent> agentReceived = new CopyOnWriteArrayList<>();
    new SessionLinks(agentRuntime, server.security()).connectAsAgent(start, SessionLink.Listener.all(agentModel,
        new SessionLink.Listener() {
          @Override
          public void onEvent(SessionLink link, SessionEvent event) {
            agentReceived.add(event);
          }
        })).get(30, TimeUnit.SECONDS);
    client.sessionLink().get(30, TimeUnit.SECONDS);

    // nothing is shared before the person allows it; then the badge says so
    assertThat(badgeText()).isEmpty();
    client.act(CobrowseSession::allowCobrowsing);
    await("the badge").atMost(WAIT).until(this::badgeText, text -> text.contains("Support can see this page"));
    await("the agent sees consent").atMost(WAIT).until(() -> onAgent(agentModel, m -> m.page().consent()));

    // the person types: masked fields first, then the voucher; the agent gets the voucher only
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("card")).sendKeys(CARD);
    browser.findElement(By.id("member")).sendKeys(MEMBER);
    browser.findElement(By.id("voucher")).sendKeys("SPRING-10");
    await("the voucher in the agent's model").atMost(WAIT)
        .until(() -> onAgent(agentModel, m -> m.page().fields().get("voucher")), "SPRING-10"::equals);
    String wire = String.valueOf(js("return JSON.stringify(window.__sent);"));
    assertThat(wire).contains("SPRING-10").doesNotContain(PASSWORD, CARD, MEMBER);
    assertThat(agentReceived.toString()).contains("SPRING-10").doesNotContain(PASSWORD, CARD, MEMBER);
    Map<String, String> agentFields = onAgent(agentModel, m -> Map.copyOf(m.page().fields()));
    assertThat(agentFields).containsOnlyKeys("voucher");

    // from here the agent moves the page; the scrolls that makes are not the person's (checked below)
    int sentBefore = ((Number) js("return window.__sent.length;")).intValue();
    int receivedBefore = agentReceived.size();

    // the agent highlights the voucher field: the box is drawn around it
    agentModel.act(m -> m.highlight("#voucher", 0, 0, 0, 0));
    await("the highlight box at the voucher field").atMost(WAIT).until(() -> highlightOffset("#voucher"),
        offset -> offset != null && offset <= 4);

    // the agent scrolls to the delivery terms (an element and an offset in it) and points there
    agentModel.act(m -> m.scroll(0, 500, "#delivery", 0, 10));
    await("the tab scrolled to the element").atMost(WAIT).until(() -> ((Number) js(
        "return Math.abs(window.scrollY - (document.querySelector('#delivery').getBoundingClientRect().top"
        + " + window.scrollY + 10));")).doubleValue(), gap -> gap <= 2);
    // the scroll event fires at the next frame, and a report of it would be sent by the frame after
    animationFrames(2);
    assertThat(scrollsSentSince(sentBefore)).as("the page's scroll on the agent's command is not sent as the person's")
        .isEmpty();
    agentModel.act(m -> m.pointer(0, 0, "#delivery", 30, 40));
    await("the agent's pointer drawn at the element").atMost(WAIT).until(() -> js(
        "var h = document.querySelector('[data-webassist-overlay]');"
        + "var p = h && h.shadowRoot.querySelector('.pointer'); if (!p) { return null; }"
        + "var d = document.querySelector('#delivery').getBoundingClientRect();"
        + "return Math.abs(parseFloat(p.style.left) - (d.left + window.scrollX + 30))"
        + " + Math.abs(parseFloat(p.style.top) - (d.top + window.scrollY + 40));"),
        gap -> gap != null && ((Number) gap).doubleValue() <= 2);

    // the person scrolls back to the top: the agent's model follows
    int agentScrollY = onAgent(agentModel, m -> m.page().scrollY());
    assertThat(agentScrollY).isPositive();
    js("window.scrollTo(0, 0);");
    await("the agent sees the person's scroll").atMost(WAIT).until(() -> onAgent(agentModel, m -> m.page().scrollY()),
        y -> y == 0);
    // every scroll the agent was told of since it began moving the page is the person's own (to the top)
    assertThat(scrollsSentSince(sentBefore)).isNotEmpty().containsOnly(0L);
    assertThat(agentReceived.subList(receivedBefore, agentReceived.size()))
        .filteredOn(CobrowseScroll.class::isInstance).isNotEmpty()
        .allSatisfy(e -> assertThat(((CobrowseScroll) e).y()).isZero());

    // the agent goes to the checkout: the tab follows, and the bridge reconnects there by itself
    agentModel.act(m -> m.navigate(site + "/shop/checkout.html"));
    await("the tab follows the agent").atMost(WAIT).until(browser::getCurrentUrl, url -> url.endsWith("/checkout.html"));
    await("the bridge back up on the next page").atMost(WAIT)
        .until(() -> Boolean.TRUE.equals(js("return WebAssist.connected() && WebAssist.sharing();")));
    assertThat(badgeText()).contains("Support can see this page");

    // the person goes back to the cart on their own: the agent's view follows the person
    browser.findElement(By.linkText("Back to the cart")).click();
    await("the agent follows the person's navigation").atMost(WAIT)
        .until(() -> onAgent(agentModel, m -> m.page().url()), url -> url.equals(site + "/shop/cart.html"));
    await("the bridge back up again").atMost(WAIT)
        .until(() -> Boolean.TRUE.equals(js("return WebAssist.connected() && WebAssist.sharing();")));

    // End on the badge: the bridge stops and the agent sees consent withdrawn
    badge().findElement(By.cssSelector("button")).click();
    await("the agent sees consent withdrawn").atMost(WAIT).until(() -> onAgent(agentModel, m -> !m.page().consent()));
    assertThat(agentReceived).anyMatch(e -> e instanceof CobrowseConsent c && !c.allowed());
    await("the badge gone").atMost(WAIT).until(this::badgeText, String::isEmpty);
    assertThat(js("return WebAssist.connected() || sessionStorage.getItem('webassist.bridge') !== null;"))
        .isEqualTo(false);
    browser.navigate().refresh();
    assertThat(js("return WebAssist.connected();")).as("an ended bridge does not come back").isEqualTo(false);
  }

  @Test
  void aPageOfAnotherOriginIsRefused() throws Exception {
    String key = launchKey();
    long refusedBefore = metric("page_handshakes_refused");
    // the same demo page, but from http://localhost:PORT: another origin than the server's own pages
    browser.get("http://localhost:" + server.server.httpPort() + "/shop/cart.html");
    Object launch = asyncJs("fetch('" + site + "/assist/launch', {method: 'POST', body: new URLSearchParams("
        + "{url: location.href})}).then(function (r) { done('status ' + r.status); },"
        + " function (e) { done('refused'); });");
    assertThat(launch).isEqualTo("refused");
    assertThat(openSocket(key)).isEqualTo("closed before open");
    assertThat(metric("page_handshakes_refused")).isGreaterThan(refusedBefore);
  }

  @Test
  void aReusedKeyIsRefused() throws Exception {
    String key = launchKey();
    browser.get(site + "/index.html");
    assertThat(openSocket(key)).isEqualTo("open");
    assertThat(openSocket(key)).isEqualTo("closed before open");
  }

  // ---- the browser

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  /** Returns after the page has run {@code count} animation frames. */
  private void animationFrames(int count) {
    asyncJs("var left = " + count + "; (function next() { if (left-- === 0) { done(true); }"
        + " else { requestAnimationFrame(next); } })();");
  }

  /** The page's scroll reports sent since its {@code from}th message: their scrollY, in order. */
  @SuppressWarnings("unchecked")
  private List<Long> scrollsSentSince(int from) {
    return (List<Long>) js("return window.__sent.slice(arguments[0]).map(function (m) { return JSON.parse(m); })"
        + ".filter(function (e) { return e.event === 'scroll'; }).map(function (e) { return e.y; });", from);
  }

  /** Runs {@code script}, which calls {@code done(result)} when it has one. */
  private Object asyncJs(String script) {
    browser.manage().timeouts().scriptTimeout(WAIT);
    return ((JavascriptExecutor) browser).executeAsyncScript(
        "var done = arguments[arguments.length - 1];" + script);
  }

  /** Opens a WebSocket with {@code key} from the current page: "open", or "closed before open". */
  private Object openSocket(String key) {
    return asyncJs("var ws = new WebSocket('ws://127.0.0.1:" + server.server.httpPort() + "/assist/page?key='"
        + " + encodeURIComponent('" + key + "'));"
        + "ws.onopen = function () { done('open'); }; ws.onclose = function () { done('closed before open'); };");
  }

  private SearchContext overlay() {
    List<WebElement> hosts = browser.findElements(By.cssSelector("[data-webassist-overlay]"));
    return hosts.isEmpty() ? null : hosts.get(0).getShadowRoot();
  }

  private WebElement badge() {
    return overlay().findElement(By.cssSelector(".badge"));
  }

  private String badgeText() {
    SearchContext root = overlay();
    if (root == null) {
      return "";
    }
    List<WebElement> badges = root.findElements(By.cssSelector(".badge"));
    return badges.isEmpty() ? "" : badges.get(0).getText();
  }

  /** How far (px, largest side) the highlight box is from the element's border box, or null without a box. */
  private Double highlightOffset(String selector) {
    Object result = js("var host = document.querySelector('[data-webassist-overlay]');"
        + "var box = host && host.shadowRoot.querySelector('.highlight'); if (!box) { return null; }"
        + "var b = box.getBoundingClientRect(), e = document.querySelector(arguments[0]).getBoundingClientRect();"
        + "var t = 3;" // the box's own border sits just outside the element
        + "return Math.max(Math.abs(b.left + t - e.left), Math.abs(b.top + t - e.top),"
        + " Math.abs(b.width - 2 * t - e.width), Math.abs(b.height - 2 * t - e.height));", selector);
    return result == null ? null : ((Number) result).doubleValue();
  }

  private Path awaitDownload() {
    return await("the launch file downloaded").atMost(WAIT).until(() -> {
      try (Stream<Path> files = Files.list(downloads)) {
        return files.filter(f -> f.toString().endsWith(".jnlp")).findFirst();
      }
    }, Optional::isPresent).orElseThrow();
  }

  // ---- the assist client, started from the launch file's arguments

  private static List<String> launchArguments(Path jnlp) throws Exception {
    Matcher m = Pattern.compile("<argument>([^<]*)</argument>").matcher(Files.readString(jnlp));
    List<String> args = new ArrayList<>();
    while (m.find()) {
      args.add(m.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
          .replace("&quot;", "\"").replace("&apos;", "'"));
    }
    return args;
  }

  private static String argument(List<String> args, String option) {
    int i = args.indexOf(option);
    return i < 0 || i + 1 >= args.size() ? null : args.get(i + 1);
  }

  private AssistClient startClient(List<String> args) throws Exception {
    String serverAddress = argument(args, "--server");
    int colon = serverAddress.lastIndexOf(':');
    AssistRequest request = new AssistRequest(serverAddress.substring(0, colon),
        Integer.parseInt(serverAddress.substring(colon + 1)), argument(args, "--page-url"), argument(args, "--customer"),
        argument(args, "--customer-signature"),
        // the cart page does not know the name: the person types it into the client's window
        Optional.ofNullable(argument(args, "--name")).orElse("Ada"), argument(args, "--phone"), "127.0.0.1");
    ClientView view = (ClientView) Proxy.newProxyInstance(ClientView.class.getClassLoader(),
        new Class<?>[] {ClientView.class}, (proxy, method, methodArgs) -> {
          System.out.println("client view: " + method.getName() + " " + java.util.Arrays.toString(methodArgs));
          return null;
        });
    AssistClient started = new AssistClient(request, TransportSecurity.pinned(argument(args, "--server-fingerprint")),
        view).pageKey(argument(args, "--page-key"));
    started.start().get(30, TimeUnit.SECONDS);
    return started;
  }

  private static <T> T onAgent(CobrowseBinding binding, Function<CobrowseSession, T> read) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    binding.act(m -> result.complete(read.apply(m)));
    return result.get(10, TimeUnit.SECONDS);
  }

  // ---- the server

  /** A launch for a page of the server's own origin, as its script would ask. */
  private String launchKey() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(site + "/assist/launch")).header("Origin", site)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("url=" + URLEncoder.encode(site + "/", StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    Matcher key = Pattern.compile("\"pageKey\":\"([A-Za-z0-9_-]+)\"").matcher(response.body());
    assertThat(key.find()).isTrue();
    return key.group(1);
  }

  private long metric(String name) {
    Object value = server.metric(name);
    return value == null ? 0 : ((Number) value).longValue();
  }
}
