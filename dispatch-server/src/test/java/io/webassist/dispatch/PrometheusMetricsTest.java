package io.webassist.dispatch;

import static io.webassist.dispatch.testing.TestHashes.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.webassist.dispatch.testing.LineClient;
import io.webassist.dispatch.testing.PrometheusText;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.Welcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} scraped over HTTP from a real server after real traffic, and read by a strict
 * Prometheus text-format parser: the families an operator alerts on are there, typed, with the
 * numbers the traffic made. {@code /metrics.json} still answers for people.
 */
class PrometheusMetricsTest {

  private final List<LineClient> open = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private DispatchServer server;

  @BeforeEach
  void start() throws Exception {
    server = DispatchServer.start(DispatchServerTcpTest.config());
  }

  @AfterEach
  void stop() {
    open.forEach(LineClient::close);
    server.close();
  }

  private LineClient hello(String role) {
    LineClient client = new LineClient(server.tcpPort());
    open.add(client);
    client.send("{\"type\":\"hello\",\"role\":\"" + role + "\",\"protocol\":1}").expect(Welcome.class);
    return client;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private PrometheusText scrape() throws Exception {
    HttpResponse<String> response = get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
    return PrometheusText.parse(response.body());
  }

  private static double value(PrometheusText metrics, String name, String... labels) {
    return metrics.value(name, labels).orElseThrow(() -> new AssertionError("no sample " + name + List.of(labels)));
  }

  @Test
  void scrapeAfterASessionShowsConnectionsAgentsQueuesOffersSessionsAndLimits() throws Exception {
    LineClient agent = hello("agent");
    agent.send("{\"type\":\"agent.login\",\"agentId\":\"ann\",\"secret\":\"" + PASSWORD + "\"}");
    agent.expect(AgentReady.class);
    agent.send("{\"type\":\"agent.status\",\"status\":\"available\"}");
    LineClient user = hello("user");
    user.send("{\"type\":\"support.request\",\"name\":\"Maria\",\"customerId\":\"C-1\",\"pageUrl\":\"https://shop.example/\"}");
    user.expect(SupportQueued.class);
    agent.send("{\"type\":\"offer.accept\",\"requestId\":\"" + agent.expect(SupportOffer.class).requestId() + "\"}");
    String sessionId = agent.expect(SessionStart.class).sessionId();
    user.expect(SupportAssigned.class);
    agent.send("{\"type\":\"session.link\",\"sessionId\":\"" + sessionId + "\",\"path\":\"direct\"}");
    LineClient tooLong = hello("user");
    tooLong.send("x".repeat(70_000));
    tooLong.expectError(ErrorCode.FRAME_TOO_LARGE);
    await().atMost(Duration.ofSeconds(5)).until(() -> server.metrics().get("sessions_link_direct").equals(1L));

    PrometheusText metrics = scrape();

    assertThat(metrics.family("webassist_connections_total").orElseThrow().type()).isEqualTo("counter");
    assertThat(value(metrics, "webassist_connections_total")).isEqualTo(3);
    assertThat(metrics.family("webassist_connections_open").orElseThrow().type()).isEqualTo("gauge");
    assertThat(value(metrics, "webassist_agents", "state", "busy")).isEqualTo(1); // ann: one session of one
    assertThat(value(metrics, "webassist_queue_length", "group", "general")).isZero();
    assertThat(value(metrics, "webassist_queue_length", "group", "premium")).isZero();
    assertThat(value(metrics, "webassist_assignments_total")).isEqualTo(1);
    assertThat(value(metrics, "webassist_offers_sent_total")).isEqualTo(1);
    assertThat(value(metrics, "webassist_offers_total", "outcome", "accepted")).isEqualTo(1);
    assertThat(value(metrics, "webassist_sessions_by_link_total", "path", "direct")).isEqualTo(1);
    assertThat(value(metrics, "webassist_sessions_by_link_total", "path", "relay")).isZero();
    assertThat(value(metrics, "webassist_limit_hits_total", "limit", "frame_too_large")).isEqualTo(1);
    assertThat(value(metrics, "webassist_limit_hits_total", "limit", "idle_timeout")).isZero();
    assertThat(metrics.family("webassist_routing_latency_seconds").orElseThrow().type()).isEqualTo("histogram");
    // the queue-wait histogram (per group) and the oldest-wait gauge have samples once the dispatch
    // core reports them (Metrics.observeQueueWaitMillis, DispatchState): MetricsTest covers their format
  }

  @Test
  void jsonViewForPeopleStaysAtMetricsJson() throws Exception {
    hello("user");

    HttpResponse<String> response = get("/metrics.json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(new ObjectMapper().readTree(response.body()).get("connections_open").asInt()).isEqualTo(1);
  }
}
