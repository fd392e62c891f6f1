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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's "Get help" for real (claims 72, 77, 80, 85, 97, 108): Java Web Start ({@code javaws}
 * of IcedTea-Web, the launcher OpenWebStart is built on) opens {@code /assist.jnlp} as the browser
 * would hand it over, downloads the signed client jar from the dispatch server, checks its signature
 * against a publisher the user trusts, and runs the client with all permissions; the client sends
 * what the page passed, and a logged-in agent receives the offer with the page URL, the customer id
 * and the name, accepts, dials the client's own listener and chats with it.
 *
 * <p>The launcher's state lives in this test's folder ({@code XDG_CONFIG_HOME}, {@code XDG_CACHE_HOME});
 * the publisher trusted there is the certificate that signed the jar, read from the jar itself. Skipped,
 * saying why, where {@code javaws} is not installed (CI installs {@code icedtea-netx}).
 */
class JnlpLaunchTest {

  private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(120);
  private static final String PAGE = "/shop/cart.html?coupon=A&B<1>";

  @TempDir
  Path dir;

  private DemoServer server;
  private LinkRuntime runtime;
  private Process launcher;

  @AfterEach
  void stopAll() throws InterruptedException {
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
  void getHelpLaunchesTheSignedClientThroughJnlpAndTheAgentGetsThePagesDetails() throws Exception {
    Path javaws = onPath("javaws").orElse(null);
    Assumptions.assumeTrue(javaws != null,
        "javaws (IcedTea-Web) is not installed: skipping the real JNLP launch; `apt-get install icedtea-netx` runs it");
    Path java17 = javaForLauncher();
    Path clientJar = ServerProcess.jar("client-applet/target/webassist-client.jar");
    server = DemoServer.start(config -> config.withHttp(new HttpConfig(clientJar)));
    runtime = LinkRuntime.create();

    FrameInbox agentInbox = new FrameInbox();
    DispatchConnection agent = DispatchConnection.builder(runtime, "127.0.0.1", server.tcpPort(), Role.AGENT)
        .security(server.security()).onFrame(agentInbox).connect().join();
    agent.send(new AgentLogin("bob", "bob-demo"));
    agentInbox.await(AgentReady.class);
    agent.send(new AgentStatus(Availability.AVAILABLE));

    String site = "http://127.0.0.1:" + server.server.httpPort();
    String pageUrl = site + PAGE;
    String launchUrl = site + "/assist.jnlp?customer=acme-42&url=" + encode(pageUrl) + "&name=Ada";
    Path log = dir.resolve("javaws.log");
    long started = System.nanoTime();
    launcher = launch(javaws, java17, trustSigner(clientJar), launchUrl, log);

    SupportOffer offer = await("the launched client's request reaching the agent").atMost(LAUNCH_TIMEOUT)
        .failFast("javaws exited before the client asked for help",
            () -> assertThat(launcher.isAlive()).as("javaws is running; its output:%n%s", tail(log)).isTrue())
        .until(() -> agentInbox.find(SupportOffer.class, o -> true), o -> o != null);
    System.out.printf("JnlpLaunchTest: javaws launch to offer took %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

    assertThat(offer.pageUrl()).isEqualTo(pageUrl);
    assertThat(offer.user().customerId()).isEqualTo("acme-42");
    assertThat(offer.user().name()).isEqualTo("Ada");
    assertThat(offer.user().ip()).isEqualTo("127.0.0.1");

    // all permissions, for real: the agent dials the listener the launched client opened
    agent.send(new OfferAccept(offer.requestId()));
    SessionStart start = agentInbox.await(SessionStart.class);
    SessionLink link = new SessionLinks(runtime, server.security())
        .connectAsAgent(start, new SessionLink.Listener() { }).get(30, TimeUnit.SECONDS);
    link.send(new ChatMessage("Hello Ada, I can see your cart."));
    await("the chat line in the launched client's output").atMost(Duration.ofSeconds(30))
        .until(() -> Files.readString(log).contains("Hello Ada, I can see your cart."));
  }

  /** Starts {@code javaws -headless -Xnofork URL} with its state in this test's folder. */
  private Process launch(Path javaws, Path javaHome, Path config, String url, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(javaws.toString(), "-headless", "-Xnofork", url)
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("XDG_CONFIG_HOME", config.toString());
    env.put("XDG_CACHE_HOME", Files.createDirectories(dir.resolve("cache")).toString());
    env.put("JAVA_HOME", javaHome.toString()); // javaws fails at once on JDK 24+ (no Security Manager)
    Process process = builder.start();
    // nobody types: were the launcher to ask whether to trust the publisher, the closed input says no
    process.getOutputStream().close();
    return process;
  }

  /**
   * {@code $XDG_CONFIG_HOME/icedtea-web/security/trusted.certs} (JKS, storepass changeit) holding the
   * certificate that signed the client jar, as a user who trusts the publisher has it.
   */
  private Path trustSigner(Path clientJar) throws IOException, GeneralSecurityException {
    Certificate signer = signerOf(clientJar);
    Path config = dir.resolve("config");
    Path security = Files.createDirectories(config.resolve("icedtea-web").resolve("security"));
    KeyStore trusted = KeyStore.getInstance("JKS");
    trusted.load(null, null);
    trusted.setCertificateEntry("webassist-test", signer);
    try (OutputStream out = Files.newOutputStream(security.resolve("trusted.certs"))) {
      trusted.store(out, "changeit".toCharArray());
    }
    return config;
  }

  private static Certificate signerOf(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile(), true)) {
      JarEntry entry = file.getJarEntry("io/webassist/client/AssistClientMain.class");
      try (InputStream in = file.getInputStream(entry)) {
        in.transferTo(OutputStream.nullOutputStream()); // signers are known once the entry is read
      }
      CodeSigner[] signers = entry.getCodeSigners();
      assertThat(signers).as("the client jar is signed (mvn package signs it)").isNotEmpty();
      return signers[0].getSignerCertPath().getCertificates().get(0);
    }
  }

  /** javaws needs a Java below 23 (it installs a Security Manager): this JVM, or an installed 17. */
  private static Path javaForLauncher() {
    if (Runtime.version().feature() < 23) {
      return Path.of(System.getProperty("java.home"));
    }
    Optional<Path> java17 = List.of("/usr/lib/jvm/java-17-openjdk-amd64", "/usr/lib/jvm/java-17-openjdk-arm64")
        .stream().map(Path::of).filter(p -> Files.isExecutable(p.resolve("bin/java"))).findFirst();
    Assumptions.assumeTrue(java17.isPresent(), "javaws needs a Java 17-22 and none was found: skipping");
    return java17.get();
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String folder : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(folder, program);
      if (!folder.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
