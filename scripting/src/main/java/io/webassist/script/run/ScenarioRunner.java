package io.webassist.script.run;

import io.webassist.script.scenario.HostPort;
import io.webassist.script.scenario.Scenario;
import io.webassist.script.scenario.ScenarioParser;
import io.webassist.script.scenario.ScenarioSyntaxException;
import io.webassist.script.scenario.Step;
import io.webassist.script.transport.LineSecurity;
import io.webassist.script.transport.LineTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scenarios: steps in order, each timed; the first failing step stops the scenario, the rest
 * are reported as skipped, and every connection and listener of the scenario is closed at the end.
 *
 * <p>From a JUnit test:
 * <pre>{@code
 * Result result = ScenarioRunner.run(Path.of("../docs/scenarios/happy-path.scn"), "127.0.0.1:" + port,
 *     Map.of(), LineSecurity.pinned(serverFingerprint));
 * assertThat(result.passed()).as(result.report()).isTrue();
 * }</pre>
 */
public final class ScenarioRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

  private final RunOptions options;
  private final RunListener listener;

  public ScenarioRunner(RunOptions options, RunListener listener) {
    this.options = options;
    this.listener = listener;
  }

  public ScenarioRunner(RunOptions options) {
    this(options, RunListener.NONE);
  }

  /**
   * Parses and runs one scenario file against the dispatch server at {@code server} ({@code host:port}),
   * with variables set before the scenario starts (like {@code --var}), connecting as {@code security} says.
   *
   * @throws ScenarioSyntaxException when the file has problems; nothing connected then
   */
  public static Result run(Path file, String server, Map<String, String> variables, LineSecurity security) {
    Scenario scenario = new ScenarioParser(variables.keySet()).parse(file);
    return new ScenarioRunner(RunOptions.of(HostPort.parse(server), security).withVariables(variables)).run(scenario);
  }

  /**
   * As {@link #run(Path, String, Map, LineSecurity)} over <em>plain TCP</em>, for tests against a
   * server started with {@code --insecure}. Kept for callers written before TLS (the e2e suite);
   * against a TLS server use the overload with {@link LineSecurity#pinned}.
   */
  public static Result run(Path file, String server, Map<String, String> variables) {
    LOG.warn("scenario runs over plain TCP (insecure) file={}", file);
    return run(file, server, variables, LineSecurity.insecure());
  }

  /** As {@link #run(Path, String, Map)} without variables: plain TCP. */
  public static Result run(Path file, String server) {
    return run(file, server, Map.of());
  }

  /** Runs a parsed scenario to its end or its first failure. */
  public Result run(Scenario scenario) {
    listener.scenarioStarted(scenario);
    long start = System.nanoTime();
    List<StepResult> results = new ArrayList<>();
    Outcome outcome = Outcome.PASSED;
    try (LineTransport transport = new LineTransport(options.maxLineLength(), options.security())) {
      StepActions actions = new StepActions(transport, options);
      try {
        for (Step step : scenario.steps()) {
          if (outcome != Outcome.PASSED) {
            results.add(StepResult.skipped(step));
            continue;
          }
          StepResult result = runStep(actions, step, start);
          results.add(result);
          listener.stepFinished(result);
          outcome = result.outcome();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcome = Outcome.ERROR;
      } finally {
        actions.closeAll();
      }
    }
    Result result = new Result(scenario.name(), scenario.file(), outcome, results, since(start), "");
    LOG.debug("scenario finished name={} outcome={} steps={}", scenario.name(), outcome, results.size());
    listener.scenarioFinished(result);
    return result;
  }

  private static StepResult runStep(StepActions actions, Step step, long scenarioStart) throws InterruptedException {
    Duration startedAt = since(scenarioStart);
    long stepStart = System.nanoTime();
    try {
      String summary = actions.execute(step);
      return new StepResult(step, Outcome.PASSED, startedAt, since(stepStart), summary, "");
    } catch (StepFailure failure) {
      return new StepResult(step, failure.outcome(), startedAt, since(stepStart), failure.getMessage(), failure.detail());
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
