package io.webassist.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.webassist.dispatch.DispatchServer;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import io.webassist.dispatch.testing.LineClient;
import io.webassist.protocol.frame.Welcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP listener: health, metrics and the demo site. */
class HttpEndpointsTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private DispatchServer server;

  @BeforeEach
  void start() throws Exception {
    server = DispatchServer.start(ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
        .withTls(TlsConfig.disabled())); // HTTP is plain either way; no TLS identity needed here
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthzSaysOk() throws Exception {
    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"ok\"");
  }

  @Test
  void metricsAreJsonWithCountersAndGauges() throws Exception {
    try (LineClient client = new LineClient(server.tcpPort())) {
      client.send("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}").expect(Welcome.class);

      HttpResponse<String> response = get("/metrics.json");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
      JsonNode metrics = new ObjectMapper().readTree(response.body());
      assertThat(metrics.get("connections_open").asInt()).isEqualTo(1);
      assertThat(metrics.get("connections_total").asInt()).isEqualTo(1);
      for (String gauge : new String[] {"agents_logged_in", "agents_available", "queue_lengths", "offers_open",
          "sessions_active", "relay_pairs_active"}) {
        assertThat(metrics.has(gauge)).as(gauge).isTrue();
      }
    }
  }

  @Test
  void demoSiteIsServedAtTheRoot() throws Exception {
    HttpResponse<String> response = get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    // the demo site's pages carry the help button and the script that launches the assist client (claim 72)
    assertThat(response.body()).contains("data-webassist-customer=\"acme-42\"", "/webassist-help.js");
    assertThat(get("/webassist-help.js").body()).contains("/assist.jnlp?");
    assertThat(get("/index.html").body()).isEqualTo(response.body());
  }

  @Test
  void missingFilesAndPathEscapesAreNotFound() throws Exception {
    assertThat(get("/nope.html").statusCode()).isEqualTo(404);
    assertThat(get("/..%2f..%2fetc/passwd").statusCode()).isEqualTo(404);
    assertThat(get("/../io/webassist/dispatch/DispatchServer.class").statusCode()).isEqualTo(404);
  }

  @Test
  void otherMethodsThanGetAreRefused() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.httpPort() + "/healthz"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
  }
}
