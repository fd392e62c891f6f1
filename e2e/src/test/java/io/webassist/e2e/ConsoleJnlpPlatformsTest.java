package io.webassist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code /console.jnlp} as the build serves it (claims 97, 108): a {@code <resources os= arch=>} block
 * for each platform the console's page engine is built for — Linux x86_64 and aarch64, Windows x86_64,
 * macOS x86_64 and aarch64 — each naming that platform's six JavaFX jars, and every jar the file names
 * is served by the dispatch server with every entry signed by the one certificate that signed the
 * console jar (Java Web Start refuses a launch whose jars have different signers).
 *
 * <p>With {@code -Dwebstart.linuxOnly=true} (the quicker build, docs/OPERATIONS.md) only Linux x86_64
 * is expected.
 */
class ConsoleJnlpPlatformsTest {

  private static final List<String> JAVAFX = List.of("javafx-base", "javafx-controls", "javafx-graphics",
      "javafx-media", "javafx-swing", "javafx-web");
  /** os/arch as the JNLP names them → the JavaFX classifier of their jars. */
  private static final Map<String, String> PLATFORMS = new LinkedHashMap<>();

  static {
    PLATFORMS.put("Linux/aarch64", "linux-aarch64");
    PLATFORMS.put("Linux/amd64", "linux");
    PLATFORMS.put("Mac OS X/aarch64", "mac-aarch64");
    PLATFORMS.put("Mac OS X/x86_64", "mac");
    PLATFORMS.put("Windows/amd64", "win");
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private DemoServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    System.clearProperty("webassist.consoleWebstart");
  }

  @Test
  void theJnlpListsEachPlatformsJavaFxJarsAndEveryListedJarIsServedSignedByTheConsolesCertificate() throws Exception {
    Path webstart = DemoServer.root().resolve("console-webstart/target/webstart");
    assertThat(webstart.resolve("webassist-console.jar")).as("built by 'mvn package' of console-webstart").exists();
    System.setProperty("webassist.consoleWebstart", webstart.toString());
    server = DemoServer.start();
    String site = "http://127.0.0.1:" + server.server.httpPort() + "/";

    Document jnlp = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
        get(site + "console.jnlp").getBytes(StandardCharsets.UTF_8)));
    Map<String, List<String>> byPlatform = new LinkedHashMap<>();
    List<String> all = new ArrayList<>();
    NodeList resources = jnlp.getElementsByTagName("resources");
    for (int i = 0; i < resources.getLength(); i++) {
      Element block = (Element) resources.item(i);
      List<String> jars = new ArrayList<>();
      NodeList jarElements = block.getElementsByTagName("jar");
      for (int j = 0; j < jarElements.getLength(); j++) {
        jars.add(((Element) jarElements.item(j)).getAttribute("href"));
      }
      all.addAll(jars);
      if (block.hasAttribute("os")) {
        byPlatform.put(block.getAttribute("os") + "/" + block.getAttribute("arch"), jars);
      }
    }

    boolean linuxOnly = Boolean.getBoolean("webstart.linuxOnly");
    Map<String, String> expected = new LinkedHashMap<>(PLATFORMS);
    if (linuxOnly) {
      expected.keySet().retainAll(List.of("Linux/amd64"));
    }
    assertThat(byPlatform.keySet()).as("platforms in /console.jnlp").containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((platform, classifier) -> assertThat(byPlatform.get(platform)).as(platform)
        .map(href -> href.substring(href.lastIndexOf('/') + 1))
        .containsExactlyInAnyOrderElementsOf(JAVAFX.stream().map(m -> m + "-21.0.11-" + classifier + ".jar").toList()));

    assertThat(all).first().isEqualTo("console/webassist-console.jar");
    Certificate signer = null;
    for (String href : all) {
      Certificate jarSigner = signerOfEveryEntry(href, getBytes(site + href));
      if (signer == null) {
        signer = jarSigner;
      }
      assertThat(jarSigner).as("%s is signed by the console jar's certificate", href).isEqualTo(signer);
    }
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }

  private byte[] getBytes(String url) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }

  /** The one certificate that signed every entry of the jar (directories and signature files aside). */
  private static Certificate signerOfEveryEntry(String name, byte[] jar) throws IOException {
    Certificate signer = null;
    int entries = 0;
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar), true)) {
      assertThat(in.getManifest()).as("%s has a manifest", name).isNotNull();
      for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
        in.transferTo(OutputStream.nullOutputStream()); // a digest that does not match throws SecurityException
        if (entry.isDirectory() || entry.getName().startsWith("META-INF/")) {
          continue;
        }
        CodeSigner[] signers = entry.getCodeSigners();
        assertThat(signers).as("%s: %s is signed", name, entry.getName()).hasSize(1);
        Certificate cert = signers[0].getSignerCertPath().getCertificates().get(0);
        if (signer == null) {
          signer = cert;
        }
        assertThat(cert).as("%s: %s has the jar's one signer", name, entry.getName()).isEqualTo(signer);
        entries++;
      }
    }
    assertThat(entries).as("%s has signed entries", name).isPositive();
    return signer;
  }
}
