package io.webassist.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.dispatch.config.HttpConfig;
import io.webassist.link.LinkRuntime;
import io.webassist.link.dispatch.DispatchConnection;
import io.webassist.link.session.SessionLink;
import io.webassist.link.session.SessionLinks;
import io.webassist.protocol.frame.AgentLogin;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.AgentStatus;
import io.webassist.protocol.frame.Availability;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.OfferAccept;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportOffer;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * "Get help" for real, from the browser to the window (claims 72, 77, 80, 97, 111): Debian's Chromium,
 * driven by Selenium, opens the demo shop's cart page served by the real dispatch server and clicks
 * "Get help"; the launch file it downloads ({@code assist.jnlp}) is run by IcedTea-Web's {@code javaws}
 * (the launcher OpenWebStart is built on) on this display; the launcher fetches the signed client jar,
 * checks it against a publisher the person trusts and runs it with all permissions; the client's
 * window shows the details form (the cart page passes no name); the test types a name as a person
 * would and presses Enter; a logged-in agent (the link library) receives the offer with the cart
 * page's address and customer id, accepts, dials the client's own listener and chats with it.
 *
 * <p>How the window in the other process is driven: with {@link Robot} on the shared display, like
 * a person — a click on the window's heading gives it the keyboard (the window puts it in the name
 * field, its first empty field) and the keys go there; Enter presses "Ask for help". Where the window
 * is comes from the client itself: it is centred on the screen ({@code setLocationRelativeTo(null)})
 * and logs {@code client window shown … screen=details} when it is up. No test hook in the client.
 *
 * <p>Needs a display, Chromium with its driver and {@code javaws}: in CI ({@code CI=true}) a missing
 * one fails; elsewhere the test is skipped, saying what is missing.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class GetHelpFromTheBrowserTest {

  private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(120);
  private static final Pattern SHOWN = Pattern.compile("client window shown ms=(\\d+) screen=(\\w+)");
  /** The client's window before scaling (AssistWindow.SIZE); Xvfb runs at 96 dpi, scale 1. */
  private static final int WINDOW_WIDTH = 380;
  private static final int WINDOW_HEIGHT = 560;

  @TempDir
  Path dir;

  private DemoServer server;
  private LinkRuntime runtime;
  private WebDriver browser;
  private Process launcher;

  @AfterEach
  void stopAll() throws InterruptedException {
    if (browser != null) {
      browser.quit();
    }
    if (launcher != null) {
      // javaws is a script that execs java; whatever it started goes too
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (runtime != null) {
      runtime.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void getHelpOnTheCartPageOpensTheWindowWhichAsksForANameAndTheAgentGetsThePage() throws Exception {
    Path javaws = JavaWebStart.launcher();
    Needs.display();
    Path java17 = JavaWebStart.javaHome();
    Path clientJar = ServerProcess.jar("client-applet/target/webassist-client.jar");
    server = DemoServer.start(config -> config.withHttp(new HttpConfig(clientJar)));
    runtime = LinkRuntime.create();
    FrameInbox agentInbox = new FrameInbox();
    DispatchConnection agent = DispatchConnection.builder(runtime, "127.0.0.1", server.tcpPort(), Role.AGENT)
        .security(server.security()).onFrame(agentInbox).connect().join();
    agent.send(new AgentLogin("bob", "bob-demo"));
    agentInbox.await(AgentReady.class);
    agent.send(new AgentStatus(Availability.AVAILABLE));

    // the person's browser: the cart page, "Get help"
    Path downloads = Files.createDirectories(dir.resolve("downloads"));
    browser = HeadlessChromium.start(downloads);
    String cartPage = "http://127.0.0.1:" + server.server.httpPort() + "/shop/cart.html";
    browser.get(cartPage);
    browser.findElement(By.linkText("Get help")).click();
    Path launchFile = await("the browser saving the launch file").atMost(Duration.ofSeconds(30))
        .until(() -> jnlpIn(downloads), Optional::isPresent).orElseThrow();

    // the launcher runs it on this display
    Path log = dir.resolve("javaws.log");
    long started = System.nanoTime();
    launcher = launch(javaws, java17, trustSigner(clientJar), launchFile, log);
    Matcher shown = await("the client's window on the screen").atMost(LAUNCH_TIMEOUT)
        .failFast("javaws exited before the window showed",
            () -> assertThat(launcher.isAlive()).as("javaws is running; its output:%n%s", tail(log)).isTrue())
        .until(() -> SHOWN.matcher(Files.readString(log)), Matcher::find);
    System.out.printf("GetHelpFromTheBrowserTest: javaws start to window %d ms (client JVM start to window %s ms)%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), shown.group(1));
    assertThat(shown.group(2)).as("the cart page passes no name: the window asks").isEqualTo("details");

    // a person types a name and presses Enter
    Robot robot = new Robot();
    robot.setAutoDelay(20);
    Rectangle window = centredWindow();
    robot.waitForIdle();
    robot.mouseMove(window.x + window.width / 2, window.y + 28); // the heading "Get help on this page"
    robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
    robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
    robot.delay(300);
    ImageIO.write(robot.createScreenCapture(window), "png", dir.resolve("details-form.png").toFile());
    type(robot, "Grace");
    press(robot, KeyEvent.VK_ENTER);

    SupportOffer offer = await("the window's request reaching the agent").atMost(Duration.ofSeconds(60))
        .failFast("javaws exited before the client asked for help",
            () -> assertThat(launcher.isAlive()).as("javaws is running; its output:%n%s", tail(log)).isTrue())
        .until(() -> agentInbox.find(SupportOffer.class, o -> true), o -> o != null);
    assertThat(offer.pageUrl()).isEqualTo(cartPage);
    assertThat(offer.user().customerId()).isEqualTo("acme-42");
    assertThat(offer.user().name()).isEqualTo("Grace");
    assertThat(offer.user().ip()).isEqualTo("127.0.0.1");
    // the launch file's page key came with the request: the person's tab is paired with this client
    await("the cart page's tab paired with the launched client").atMost(Duration.ofSeconds(20))
        .until(() -> pagePairs(server.server.httpPort()), pairs -> pairs == 1);

    // all permissions, for real: the agent dials the listener the launched client opened
    agent.send(new OfferAccept(offer.requestId()));
    SessionStart start = agentInbox.await(SessionStart.class);
    SessionLink link = new SessionLinks(runtime, server.security())
        .connectAsAgent(start, new SessionLink.Listener() { }).get(30, TimeUnit.SECONDS);
    assertThat(link.path()).hasToString("DIRECT");
    link.send(new ChatMessage("Hello Grace, I can see your cart."));
    ImageIO.write(robot.createScreenCapture(window), "png", dir.resolve("connected.png").toFile());
  }

  /** How many browser tabs the server has paired with a client ({@code /metrics.json}'s {@code page_pairs}). */
  private static long pagePairs(int httpPort) throws IOException, InterruptedException {
    HttpResponse<String> metrics = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics.json")).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher pairs = Pattern.compile("\"page_pairs\"\\s*:\\s*(\\d+)").matcher(metrics.body());
    return pairs.find() ? Long.parseLong(pairs.group(1)) : 0;
  }

  /** A finished launch file in {@code folder} (Chromium writes {@code .crdownload} until it is done). */
  private static Optional<Path> jnlpIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jnlp")).findFirst();
    }
  }

  /** Starts {@code javaws -Xnofork FILE} on this display with its state in this test's folder. */
  private Process launch(Path javaws, Path javaHome, Path config, Path file, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(javaws.toString(), "-Xnofork", file.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("XDG_CONFIG_HOME", config.toString());
    env.put("XDG_CACHE_HOME", Files.createDirectories(dir.resolve("cache")).toString());
    env.put("JAVA_HOME", javaHome.toString()); // javaws fails at once on JDK 24+ (no Security Manager)
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  /** Where the client's window is: centred on the default screen. */
  private static Rectangle centredWindow() {
    Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
        .getDefaultConfiguration().getBounds();
    return new Rectangle(screen.x + (screen.width - WINDOW_WIDTH) / 2, screen.y + (screen.height - WINDOW_HEIGHT) / 2,
        WINDOW_WIDTH, WINDOW_HEIGHT);
  }

  private static void type(Robot robot, String text) {
    for (char c : text.toCharArray()) {
      int key = KeyEvent.getExtendedKeyCodeForChar(c);
      if (Character.isUpperCase(c)) {
        robot.keyPress(KeyEvent.VK_SHIFT);
        press(robot, key);
        robot.keyRelease(KeyEvent.VK_SHIFT);
      } else {
        press(robot, key);
      }
    }
  }

  private static void press(Robot robot, int key) {
    robot.keyPress(key);
    robot.keyRelease(key);
  }

  private Path trustSigner(Path clientJar) throws IOException, GeneralSecurityException {
    Certificate signer = JavaWebStart.signerOf(clientJar, "io/webassist/client/AssistClientMain.class");
    return JavaWebStart.trusting(signer, dir.resolve("config"));
  }

  private static String tail(Path log) {
    return JavaWebStart.tail(log, 40);
  }
}
