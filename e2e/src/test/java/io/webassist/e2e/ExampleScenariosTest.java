package io.webassist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.script.run.Result;
import io.webassist.script.run.ScenarioRunner;
import io.webassist.script.transport.LineSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example scenario of docs/scenarios runs against a real dispatch server with the demo's
 * agents: the flows a tester reads about are the flows that work (claims 72–87, the relay, bad input).
 */
class ExampleScenariosTest {

  static Stream<Path> scenarios() throws IOException {
    try (Stream<Path> files = Files.list(DemoServer.root().resolve("docs/scenarios"))) {
      return files.filter(p -> p.toString().endsWith(".scn")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void exampleScenarioPassesAgainstTheRealServer(Path scenario) {
    // short offer and cooldown times so the decline-and-expiry flow runs in seconds, not a minute
    try (DemoServer server = DemoServer.start(c -> c.withOfferTimeoutMs(1500).withDeclineCooldownMs(1000))) {
      Result result = ScenarioRunner.run(scenario, server.address(),
          Map.of("offerWait", "10s", "cooldownWait", "10s"), LineSecurity.pinned(server.fingerprint()));

      assertThat(result.passed()).as(result.report()).isTrue();
    }
  }
}
