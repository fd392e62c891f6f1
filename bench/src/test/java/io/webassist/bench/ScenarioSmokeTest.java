package io.webassist.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.webassist.bench.proc.BenchEnv;
import io.webassist.bench.report.Report;
import io.webassist.bench.scenario.Profile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke variant of every scenario, as CI runs it: each must start what it measures, produce a
 * table with sane numbers (positive rates, ordered percentiles), write its JSON file and stop every
 * process it started. Never asserts speed: performance is shown by the benchmark, not by tests.
 * Mosquitto and strace are used when installed; without them their columns are left out.
 */
class ScenarioSmokeTest {

  @TempDir
  Path out;

  private final StringWriter log = new StringWriter();

  private Report run(String scenario) throws Exception {
    BenchEnv env = BenchEnv.discover(out, null, null, "512m");
    List<Report> reports = BenchCommand.run(env, Profile.SMOKE, List.of(scenario), new PrintWriter(log, true), false, 2);
    assertThat(reports).as(log.toString()).hasSize(1);
    Report report = reports.get(0);
    JsonNode json = new ObjectMapper().readTree(out.resolve(scenario + ".json").toFile());
    assertThat(json.get("scenario").asText()).isEqualTo(scenario);
    assertThat(json.get("rows").size()).isEqualTo(report.rows().size()).isPositive();
    assertThat(json.get("machine").get("nproc").asInt()).isPositive();
    return report;
  }

  @AfterEach
  void everyStartedProcessIsStopped() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::info).toList())
            .as("child processes still running").isEmpty());
  }

  @Test
  void relayMeasuresWebAssistAndTheRawFloorAtEveryPairCount() throws Exception {
    Report report = run("relay");
    assertPairTable(report, mosquittoInstalled());
  }

  @Test
  void pipelinedRelayKeepsSeveralFramesInFlightPerPair() throws Exception {
    Report report = run("relay-pipelined");
    assertPairTable(report, mosquittoInstalled());
    assertThat(report.settings()).containsEntry("window", Profile.SMOKE.pipelineWindow());
  }

  @Test
  void routeScaleMeasuresEveryAgentCountAndAWaitingQueue() throws Exception {
    Report report = run("route-scale");
    assertThat(report.rows()).hasSize(Profile.SMOKE.routeScaleAgents().size() + 1);
    for (int i = 0; i < report.rows().size(); i++) {
      assertThat((Long) report.cell(i, "measured")).as("row %d", i).isPositive();
      assertThat((Double) report.cell(i, "p50 ms")).isPositive().isLessThanOrEqualTo((Double) report.cell(i, "p99 ms"));
    }
    assertThat(report.cell(report.rows().size() - 1, "waiting")).isEqualTo(1_000);
  }

  @Test
  void directMeasuresThePeerLinkAndTheRawFloorAtEveryPairCount() throws Exception {
    Report report = run("direct");
    assertPairTable(report, mosquittoInstalled());
  }

  @Test
  void routeAssignsRequestsAndMeasuresLatencyFromTheSchedule() throws Exception {
    Report report = run("route");
    assertThat(report.rows()).hasSize(Profile.SMOKE.routeRates().size());
    assertThat((Long) report.cell(0, "measured")).isPositive();
    assertThat((Double) report.cell(0, "assigned/s")).isPositive();
    assertThat((Double) report.cell(0, "p50 ms")).isPositive().isLessThanOrEqualTo((Double) report.cell(0, "p99 ms"));
    // the smoke profile logs in fewer agents than the target's 1,000: the verdict says it does not apply, and why
    assertThat(report.targets()).singleElement().satisfies(target -> {
      assertThat(target.target()).startsWith("route:");
      assertThat(target.met()).isNull();
      assertThat(target.detail()).contains("judged with 1,000");
    });
  }

  @Test
  void idleHoldsEveryConnectionAndReadsTheServersMemory() throws Exception {
    Report report = run("idle");
    assertThat((Long) report.cell(0, "held")).isEqualTo(Profile.SMOKE.idleConnections());
    assertThat((Double) report.cell(0, "accept/s")).isPositive();
    assertThat((Double) report.cell(0, "rss MB")).isPositive();
    assertThat((Double) report.cell(0, "heap MB")).isPositive();
  }

  @Test
  void burstRunsWithAndWithoutFlushConsolidation() throws Exception {
    Report report = run("burst");
    assertThat(report.rows()).hasSize(2);
    assertThat(report.rows()).extracting(r -> r.get(0)).containsExactly("no", "yes");
    for (int i = 0; i < 2; i++) {
      assertThat((Double) report.cell(i, "frames/s")).isPositive();
    }
  }

  @Test
  void churnCompletesUserAndAgentCycles() throws Exception {
    Report report = run("churn");
    assertThat(report.rows()).extracting(r -> r.get(0)).containsExactly("user", "agent");
    for (int i = 0; i < 2; i++) {
      assertThat((Double) report.cell(i, "connections/s")).isPositive();
      assertThat((Long) report.cell(i, "errors")).isZero();
    }
  }

  private boolean mosquittoInstalled() throws Exception {
    return BenchEnv.discover(out, null, null, "512m").mosquitto() != null;
  }

  private static void assertPairTable(Report report, boolean mosquitto) {
    List<String> targets = mosquitto ? List.of("webassist", "mosquitto", "raw-tcp") : List.of("webassist", "raw-tcp");
    assertThat(report.rows()).hasSize(Profile.SMOKE.pairCounts().size() * Profile.SMOKE.frameSizes().size() * targets.size());
    for (int i = 0; i < report.rows().size(); i++) {
      assertThat(targets).contains((String) report.cell(i, "target"));
      assertThat((Double) report.cell(i, "frames/s")).as("row %d", i).isPositive();
      double p50 = (Double) report.cell(i, "p50 us");
      assertThat(p50).isPositive().isLessThanOrEqualTo((Double) report.cell(i, "p99 us"));
      // the CPU of the process under test and of the generator beside every cell, from /proc
      assertThat((Double) report.cell(i, "cpu tgt %")).as("row %d", i).isPositive();
      assertThat((Double) report.cell(i, "cpu gen %")).as("row %d", i).isPositive();
    }
    if (!mosquitto) {
      assertThat(report.notes()).anyMatch(n -> n.contains("apt-get install -y mosquitto"));
    }
  }
}
