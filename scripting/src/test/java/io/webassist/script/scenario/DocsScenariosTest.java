package io.webassist.script.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.webassist.protocol.codec.FrameMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The example scenarios under docs/scenarios parse cleanly, every frame they send is one the
 * protocol module accepts, and each documented flow is there. (They run against the real dispatch
 * server elsewhere.)
 */
class DocsScenariosTest {

  private static final Path DOCS = Path.of("..", "docs", "scenarios");

  @Test
  void everyExampleScenarioParses() throws IOException {
    List<Path> files = scenarioFiles();

    for (Path file : files) {
      Scenario scenario = new ScenarioParser().parse(file);
      assertThat(scenario.steps()).as(file.toString()).isNotEmpty();
    }
  }

  @Test
  void everyFrameTheExamplesSendIsAValidFrameOfTheProtocol() throws Exception {
    for (Path file : scenarioFiles()) {
      for (Step step : new ScenarioParser().parse(file).steps()) {
        if (step instanceof Step.Send send && !send.raw()) {
          // "1" stands in for every variable: valid as text, as a port and as a number
          String line = send.line().render(name -> "1");
          assertThatCode(() -> FrameMapper.INSTANCE.read(line)).as(step.source().location()).doesNotThrowAnyException();
        }
      }
    }
  }

  @Test
  void theDocumentedFlowsAreAllThere() throws IOException {
    assertThat(scenarioFiles()).extracting(p -> p.getFileName().toString()).contains(
        "happy-path.scn", "routing-by-customer.scn", "decline-and-expiry.scn", "agent-disconnect-requeue.scn",
        "relay-fallback.scn", "bad-token.scn", "bad-input.scn");
  }

  private static List<Path> scenarioFiles() throws IOException {
    try (Stream<Path> files = Files.list(DOCS)) {
      return files.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
    }
  }
}
