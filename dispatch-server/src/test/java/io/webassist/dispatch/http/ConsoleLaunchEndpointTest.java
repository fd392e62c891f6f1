package io.webassist.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.DispatchServer;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The agents' side of the HTTP port (claims 97, 108): {@code /agent/} with its "Start the console"
 * button, {@code /console.jnlp} made for this server (its address and fingerprint as the console's
 * arguments, all permissions, the page engine's jars per platform) and the jars it names.
 */
class ConsoleLaunchEndpointTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private DispatchServer server;

  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    System.clearProperty(ConsoleJars.PROPERTY);
    if (server != null) {
      server.close();
    }
  }

  private Path webstartFolder() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("webstart"));
    Files.writeString(folder.resolve("webassist-console.jar"), "console jar");
    Path linux = Files.createDirectories(folder.resolve("javafx/linux-amd64"));
    Files.writeString(linux.resolve("javafx-base-21-linux.jar"), "base");
    Files.writeString(linux.resolve("javafx-web-21-linux.jar"), "web");
    return folder;
  }

  private void start(Path folder) throws Exception {
    if (folder != null) {
      System.setProperty(ConsoleJars.PROPERTY, folder.toString());
    }
    server = DispatchServer.start(ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
        .withTls(TlsConfig.selfSigned(dir.resolve("tls"))));
  }

  private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + pathAndQuery));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theAgentsPageOffersToStartTheConsole() throws Exception {
    start(webstartFolder());

    HttpResponse<String> page = get("/agent/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("Start the console").contains("action=\"/console.jnlp\"");
    assertThat(get("/agent").statusCode()).isEqualTo(301);
  }

  @Test
  void theLaunchFileIsMadeForThisServerWithThePageEngineJarsPerPlatform() throws Exception {
    start(webstartFolder());

    HttpResponse<String> response = get("/console.jnlp?agent=bob");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/x-java-jnlp-file");
    Document jnlp = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
    Element root = jnlp.getDocumentElement();
    assertThat(root.getAttribute("codebase")).isEqualTo("http://127.0.0.1:" + server.httpPort() + "/");
    assertThat(root.hasAttribute("href")).as("no href: the launcher must not fetch it again").isFalse();
    assertThat(jnlp.getElementsByTagName("all-permissions").getLength()).isEqualTo(1);
    Element j2se = (Element) jnlp.getElementsByTagName("j2se").item(0);
    assertThat(j2se.getAttribute("java-vm-args")).isEqualTo("-Djdk.gtk.version=3");
    NodeList resources = jnlp.getElementsByTagName("resources");
    assertThat(resources.getLength()).isEqualTo(2);
    Element common = (Element) resources.item(0);
    assertThat(common.hasAttribute("os")).isFalse();
    Element main = (Element) common.getElementsByTagName("jar").item(0);
    assertThat(main.getAttribute("href")).isEqualTo("console/webassist-console.jar");
    assertThat(main.getAttribute("main")).isEqualTo("true");
    Element linux = (Element) resources.item(1);
    assertThat(linux.getAttribute("os")).isEqualTo("Linux");
    assertThat(linux.getAttribute("arch")).isEqualTo("amd64");
    assertThat(hrefs(linux)).containsExactly("console/javafx/linux-amd64/javafx-base-21-linux.jar",
        "console/javafx/linux-amd64/javafx-web-21-linux.jar");
    Element app = (Element) jnlp.getElementsByTagName("application-desc").item(0);
    assertThat(app.getAttribute("main-class")).isEqualTo(ConsoleJnlp.MAIN_CLASS);
    assertThat(texts(app.getElementsByTagName("argument"))).containsExactly("--server",
        "127.0.0.1:" + server.tcpPort(), "--server-fingerprint", server.fingerprint(), "--agent", "bob");

    // every jar it names is served, and can be cached
    for (String href : hrefs(root)) {
      HttpResponse<String> jar = get("/" + href);
      assertThat(jar.statusCode()).as(href).isEqualTo(200);
      assertThat(jar.headers().firstValue("content-type")).hasValue("application/java-archive");
      String lastModified = jar.headers().firstValue("last-modified").orElseThrow();
      assertThat(get("/" + href, "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
    }
    assertThat(get("/console/javafx/linux-amd64/javafx-web-21-linux.jar").body()).isEqualTo("web");
  }

  @Test
  void withoutAnAgentIdTheConsoleAsksForItAndABadOneIsRefused() throws Exception {
    start(webstartFolder());

    assertThat(get("/console.jnlp").body()).doesNotContain("--agent");
    assertThat(get("/console.jnlp?agent=").body()).doesNotContain("--agent");
    HttpResponse<String> bad = get("/console.jnlp?agent=%3Cscript%3E");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("agent id");
  }

  @Test
  void onlyTheFilesFoundAtStartAreServed() throws Exception {
    Path folder = webstartFolder();
    Files.writeString(folder.resolve("secret.txt"), "not for you");
    start(folder);

    assertThat(get("/console/secret.txt").statusCode()).isEqualTo(404);
    assertThat(get("/console/javafx/../secret.txt").statusCode()).isEqualTo(404);
    assertThat(get("/console/javafx/linux-amd64/other.jar").statusCode()).isEqualTo(404);
  }

  @Test
  void aServerWithoutTheConsoleJarsSaysSo() throws Exception {
    start(null);

    HttpResponse<String> response = get("/console.jnlp");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("console is not installed");
    assertThat(get("/agent/").statusCode()).isEqualTo(200);
  }

  private static List<String> hrefs(Element scope) {
    List<String> hrefs = new ArrayList<>();
    NodeList jars = scope.getElementsByTagName("jar");
    for (int i = 0; i < jars.getLength(); i++) {
      hrefs.add(((Element) jars.item(i)).getAttribute("href"));
    }
    return hrefs;
  }

  private static List<String> texts(NodeList nodes) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }
}
