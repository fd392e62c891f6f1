package io.webassist.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.DispatchServer;
import io.webassist.dispatch.config.HttpConfig;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
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
import org.w3c.dom.NodeList;

/**
 * {@code /assist.jnlp} and the client jar (claims 72, 77, 80, 85): the launch file carries this
 * request's page, customer and user, where the server is and how to trust it, all XML-escaped;
 * bad links get 400, a server without the client jar 503.
 */
class AssistJnlpEndpointTest {

  private static final byte[] JAR = "PK not really a jar".getBytes(StandardCharsets.US_ASCII);

  private final HttpClient http = HttpClient.newHttpClient();
  private DispatchServer server;

  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(boolean tls, boolean withJar) throws Exception {
    Path jar = dir.resolve("webassist-client.jar");
    if (withJar) {
      Files.write(jar, JAR);
    }
    server = DispatchServer.start(ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
        .withTls(tls ? TlsConfig.selfSigned(dir.resolve("tls")) : TlsConfig.disabled())
        .withHttp(new HttpConfig(jar)));
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void jnlpLaunchesTheSignedClientWithWhatThePageKnows() throws Exception {
    start(true, true);
    String page = "https://shop.example/cart?item=1&q=<b>\"x\"'";

    HttpResponse<String> response = get("/assist.jnlp?customer=" + enc("acme-42 & <co>") + "&url=" + enc(page)
        + "&sig=" + enc("c2lnbmF0dXJl") + "&name=" + enc("Ada \"Countess\" <Lovelace>") + "&phone=" + enc("+44 20 7946 0000"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/x-java-jnlp-file");
    // saved as assist.jnlp, the name a site's page tells the person to open
    assertThat(response.headers().firstValue("content-disposition")).hasValue("attachment; filename=\"assist.jnlp\"");
    String body = response.body();
    assertThat(body).contains("&amp;", "&lt;b&gt;", "&quot;x&quot;", "&apos;").doesNotContain("<b>", "<co>");
    Document jnlp = parse(body);
    assertThat(jnlp.getDocumentElement().hasAttribute("href")).as("no href: a re-fetch would lose this request").isFalse();
    assertThat(jnlp.getDocumentElement().getAttribute("codebase")).isEqualTo("http://127.0.0.1:" + server.httpPort() + "/");
    assertThat(attribute(jnlp, "homepage", "href")).as("the launcher's dialogs name where it came from")
        .isEqualTo("http://127.0.0.1:" + server.httpPort() + "/");
    assertThat(jnlp.getElementsByTagName("all-permissions").getLength()).isEqualTo(1);
    assertThat(jnlp.getElementsByTagName("applet-desc").getLength()).isZero();
    assertThat(attribute(jnlp, "application-desc", "main-class")).isEqualTo("io.webassist.client.AssistClientMain");
    assertThat(attribute(jnlp, "jar", "href")).isEqualTo("client/webassist-client.jar");
    assertThat(attribute(jnlp, "j2se", "version")).isEqualTo("17* 21*");
    assertThat(arguments(jnlp)).containsExactly(
        "--server", "127.0.0.1:" + server.tcpPort(),
        "--server-fingerprint", server.fingerprint(),
        "--page-url", page,
        "--customer", "acme-42 & <co>",
        "--customer-signature", "c2lnbmF0dXJl",
        "--name", "Ada \"Countess\" <Lovelace>",
        "--phone", "+44 20 7946 0000");
  }

  @Test
  void insecureServerLaunchesAnInsecureClientAndOptionalValuesStayOut() throws Exception {
    start(false, true);

    HttpResponse<String> response = get("/assist.jnlp?customer=acme-42&url=" + enc("http://127.0.0.1/shop/"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(arguments(parse(response.body()))).containsExactly(
        "--server", "127.0.0.1:" + server.tcpPort(), "--insecure", "--page-url", "http://127.0.0.1/shop/",
        "--customer", "acme-42");
  }

  @Test
  void publicHostIsWhereTheClientDials() throws Exception {
    Path jar = Files.write(dir.resolve("webassist-client.jar"), JAR);
    server = DispatchServer.start(ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
        .withTls(TlsConfig.disabled()).withPublicHost("help.example.com").withHttp(new HttpConfig(jar)));

    List<String> args = arguments(parse(get("/assist.jnlp?url=" + enc("https://shop.example/")).body()));

    assertThat(args.subList(0, 2)).containsExactly("--server", "help.example.com:" + server.tcpPort());
  }

  @Test
  void behindAProxyThePublicBaseUrlIsTheCodebaseTheJarIsFetchedFrom() throws Exception {
    Path jar = Files.write(dir.resolve("webassist-client.jar"), JAR);
    server = DispatchServer.start(ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
        .withTls(TlsConfig.disabled()).withHttp(new HttpConfig(jar, "https://help.example.com/webassist")));

    Document jnlp = parse(get("/assist.jnlp?url=" + enc("https://shop.example/")).body());

    assertThat(jnlp.getDocumentElement().getAttribute("codebase")).isEqualTo("https://help.example.com/webassist/");
    assertThat(URI.create(jnlp.getDocumentElement().getAttribute("codebase")).resolve(attribute(jnlp, "jar", "href")))
        .hasToString("https://help.example.com/webassist/client/webassist-client.jar");
  }

  @Test
  void withoutANameOrPhoneTheLaunchFileStillLaunchesTheWindowWhichAsks() throws Exception {
    start(true, true);

    List<String> args = arguments(parse(get("/assist.jnlp?customer=acme-42&url=" + enc("https://shop.example/")).body()));

    assertThat(args).doesNotContain("--name", "--phone", "--text", "--no-terminal");
  }

  @Test
  void badLinksAreRefusedWithAPlainMessage() throws Exception {
    start(true, true);
    String longName = "x".repeat(257);

    for (String query : List.of(
        "customer=acme-42",                                        // no url
        "url=" + enc("javascript:alert(1)"),                       // not http(s)
        "url=" + enc("file:///etc/passwd"),
        "url=" + enc("https://shop.example/a b"),                  // whitespace
        "url=" + enc("https://shop.example/") + "&name=" + longName,
        "url=" + enc("https://shop.example/") + "&customer=" + enc("a\nb"),
        "url=" + enc("https://a.example/") + "&url=" + enc("https://b.example/"))) {
      HttpResponse<String> response = get("/assist.jnlp?" + query);

      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(response.headers().firstValue("content-type")).as(query).hasValue("text/plain; charset=utf-8");
      assertThat(response.body()).as(query).startsWith("bad help link: ");
    }
    assertThat(get("/assist.jnlp?url=" + enc("https://shop.example/") + "&name=" + longName).body()).contains("'name'");
  }

  @Test
  void withoutTheClientJarTheJnlpSays503InsteadOfPointingAtNothing() throws Exception {
    start(true, false);

    HttpResponse<String> response = get("/assist.jnlp?customer=acme-42&url=" + enc("https://shop.example/"));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("help client is not installed");
    assertThat(get("/client/webassist-client.jar").statusCode()).isEqualTo(404);
  }

  @Test
  void clientJarIsServedAsAJavaArchiveAndRevalidated() throws Exception {
    start(true, true);

    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.httpPort() + "/client/webassist-client.jar")).build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/java-archive");
    assertThat(response.body()).isEqualTo(JAR);
    String lastModified = response.headers().firstValue("last-modified").orElseThrow();
    HttpResponse<String> again = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.httpPort() + "/client/webassist-client.jar"))
        .header("If-Modified-Since", lastModified).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static String attribute(Document document, String element, String attribute) {
    return ((org.w3c.dom.Element) document.getElementsByTagName(element).item(0)).getAttribute(attribute);
  }

  private static List<String> arguments(Document document) {
    NodeList nodes = document.getElementsByTagName("argument");
    List<String> args = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      args.add(nodes.item(i).getTextContent());
    }
    return args;
  }
}
