package io.webassist.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.link.LinkRuntime;
import io.webassist.link.dispatch.DispatchConnection;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.SupportRequest;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent console launched from the web (claims 97, 108; issue 9): the agents' page of a real dispatch
 * server offers "Start the console", its {@code /console.jnlp} is opened by IcedTea-Web's {@code javaws}
 * under the display as a browser would hand it over, the launcher downloads the signed console jar and
 * the signed JavaFX jars for Linux amd64, checks every signature against a publisher the agent trusts,
 * and runs the console with all permissions. The console starts its page engine (JavaFX and WebKit,
 * inside the launcher's security manager), logs in with the address and fingerprint the JNLP carried,
 * with no one typing (the agent id from the JNLP, the password from the environment), opens its main
 * window, and receives the offer for a user played here by the link library (the offer stays open with
 * it: it is the only agent logged in).
 *
 * <p>The launcher's state lives in this test's folder ({@code XDG_CONFIG_HOME}, {@code XDG_CACHE_HOME}),
 * trusting the certificate read from the console jar itself. The password comes from
 * {@code WEBASSIST_AGENT_PASSWORD}, the agent id from the agents' page's {@code ?agent=}. Needs a display
 * (fails without one where {@code CI=true}) and {@code javaws} (skipped, saying why, where it is missing).
 */
class ConsoleWebLaunchTest {

  private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(180);

  @TempDir
  Path dir;

  private DemoServer server;
  private LinkRuntime runtime;
  private Process launcher;

  @AfterEach
  void stopAll() throws InterruptedException {
    if (launcher != null) {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (runtime != null) {
      runtime.close();
    }
    if (server != null) {
      server.close();
    }
    System.clearProperty("webassist.consoleWebstart");
  }

  @Test
  void theAgentsPageStartsTheSignedConsoleWhichLogsInAndReceivesAnOffer() throws Exception {
    Path javaws = JavaWebStart.launcher();
    Needs.display();
    Path webstart = DemoServer.root().resolve("console-webstart/target/webstart");
    assertThat(webstart.resolve("webassist-console.jar")).as("built by 'mvn package' of console-webstart").exists();
    System.setProperty("webassist.consoleWebstart", webstart.toString());
    server = DemoServer.start();
    String site = "http://127.0.0.1:" + server.server.httpPort();

    // the agents' page links to the launch file, as the agent's browser shows it
    HttpResponse<String> page = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(site + "/agent/")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.body()).contains("Start the console").contains("action=\"/console.jnlp\"");

    Path log = dir.resolve("javaws.log");
    Path home = dir.resolve("home");
    long started = System.nanoTime();
    launcher = launch(javaws, trustSigner(webstart), site + "/console.jnlp?agent=bob", log);

    await("the page engine started inside the web-launched console").atMost(LAUNCH_TIMEOUT)
        .failFast("javaws exited", () -> assertThat(launcher.isAlive()).as("javaws output:%n%s", tail(log)).isTrue())
        .until(() -> Files.readString(log).contains("console page engine "));
    assertThat(Files.readString(log)).as("javaws output:%n%s", tail(log)).contains("console page engine ready javafx=21");
    await("the web-launched console logged in").atMost(LAUNCH_TIMEOUT)
        .failFast("javaws exited", () -> assertThat(launcher.isAlive()).as("javaws output:%n%s", tail(log)).isTrue())
        .until(() -> ((Number) server.metric("agents_available")).intValue() == 1);
    System.out.printf("ConsoleWebLaunchTest: javaws launch to logged-in console took %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    // the login window logged in by itself (--agent from the JNLP, the password from the environment) and
    // the console's main window opened: ConsoleWebStart logs each window that opens, with its title
    String mainWindow = "console window opened title=WebAssist console — ";
    String atServer = " @ 127.0.0.1:" + server.tcpPort();
    await("the web-launched console's main window opened").atMost(Duration.ofSeconds(30))
        .failFast("javaws exited", () -> assertThat(launcher.isAlive()).as("javaws output:%n%s", tail(log)).isTrue())
        .until(() -> Files.readString(log).lines().anyMatch(line -> line.startsWith(mainWindow) && line.endsWith(atServer)));
    assertThat(Files.readString(log)).contains("console window opened title=WebAssist console — log in");

    // a user asks for help: the offer goes to the console that was just launched, and stays with it
    runtime = LinkRuntime.create();
    FrameInbox userInbox = new FrameInbox();
    DispatchConnection user = DispatchConnection.builder(runtime, "127.0.0.1", server.tcpPort(), Role.USER)
        .security(server.security()).onFrame(userInbox).connect().join();
    user.send(new SupportRequest("Ada Lovelace", "+44 20 7946 0000", "acme-42", site + "/shop/cart.html", null));
    userInbox.await(SupportQueued.class);
    await("the offer sent to the web-launched console").atMost(Duration.ofSeconds(30))
        .until(() -> ((Number) server.metric("offers_sent")).intValue() >= 1);
    // the only agent logged in is the launched console: the offer is open with it, not refused or lost
    assertThat(((Number) server.metric("offers_open")).intValue()).isEqualTo(1);
    assertThat(launcher.isAlive()).isTrue();
    String output = Files.readString(log);
    assertThat(output).doesNotContain("AccessControlException").doesNotContain("Unable to load glass GTK library");
    output.lines().filter(line -> line.startsWith("console ")).forEach(line -> System.out.println("javaws: " + line));
    await("the console's profile, kept in the test's folder").atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(home.resolve(".webassist/console.json")));
  }

  /** {@code javaws -Xnofork URL} under the display, with its state in this test's folder. */
  private Process launch(Path javaws, Path config, String url, Path log) throws IOException {
    // GTK 3 from the start: the launcher's own UI would load GTK 2 and JavaFX then refuses to start
    // (in a forking launcher the JNLP's java-vm-args carries the same flag)
    // user.home here too: the console remembers the server and the trusted fingerprint in ~/.webassist
    Path home = Files.createDirectories(dir.resolve("home"));
    ProcessBuilder builder = new ProcessBuilder(javaws.toString(), "-J-Djdk.gtk.version=3", "-J-Dprism.order=sw",
        "-J-Duser.home=" + home, "-Xnofork", url).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("XDG_CONFIG_HOME", config.toString());
    env.put("XDG_CACHE_HOME", Files.createDirectories(dir.resolve("cache")).toString());
    env.put("JAVA_HOME", JavaWebStart.javaHome().toString());
    env.put("WEBASSIST_AGENT_PASSWORD", "bob-demo");
    return builder.start(); // standard input stays open: the console reads commands from it when it has no window
  }

  /** A launcher configuration that trusts the console's signer, after checking every jar has the same one. */
  private Path trustSigner(Path webstart) throws IOException, GeneralSecurityException {
    Certificate signer = JavaWebStart.signerOf(webstart.resolve("webassist-console.jar"),
        "io/webassist/console/webstart/ConsoleWebStart.class");
    try (Stream<Path> javafx = Files.walk(webstart.resolve("javafx"))) {
      for (Path jar : javafx.filter(p -> p.toString().endsWith(".jar")).toList()) {
        assertThat(JavaWebStart.signerOf(jar, JavaWebStart.firstClass(jar)))
            .as("%s is signed with the console's key", jar.getFileName()).isEqualTo(signer);
      }
    }
    return JavaWebStart.trusting(signer, dir.resolve("config"));
  }

  private static String tail(Path log) {
    return JavaWebStart.tail(log, 60);
  }
}
