package io.webassist.script.report;

import io.webassist.script.run.Outcome;
import io.webassist.script.run.Result;
import io.webassist.script.run.RunListener;
import io.webassist.script.run.StepResult;
import io.webassist.script.scenario.Scenario;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Prints a run as it goes, one line per step with its time since the scenario started and how long
 * it took, and on a failure the full explanation: which file and line, which actor, what was
 * expected and what came instead.
 */
public final class ConsoleReporter implements RunListener {

  private static final int SUMMARY_WIDTH = 200;

  private final PrintWriter out;

  public ConsoleReporter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void scenarioStarted(Scenario scenario) {
    out.printf("%s (%s, %d steps)%n", scenario.name(), scenario.file(), scenario.steps().size());
    out.flush();
  }

  @Override
  public void stepFinished(StepResult result) {
    String label = switch (result.outcome()) {
      case PASSED -> "ok  ";
      case FAILED -> "FAIL";
      case ERROR -> "ERR ";
      case SKIPPED -> "skip";
    };
    out.printf(Locale.ROOT, "  %8.3fs %6d ms  %s  line %-4d %s%n", result.startedAt().toNanos() / 1e9,
        result.took().toMillis(), label, result.step().source().line(), StepText.clip(StepText.of(result.step()), 120));
    if (result.outcome() == Outcome.PASSED) {
      out.println("                              -> " + StepText.clip(result.summary(), SUMMARY_WIDTH));
    } else {
      out.println("      " + result.step().source().location() + ": " + result.summary());
      if (!result.detail().isEmpty()) {
        result.detail().lines().forEach(line -> out.println("    " + line));
      }
    }
    out.flush();
  }

  @Override
  public void scenarioFinished(Result result) {
    long skipped = result.steps().stream().filter(s -> s.outcome() == Outcome.SKIPPED).count();
    String verdict = switch (result.outcome()) {
      case PASSED -> "PASSED";
      case FAILED -> "FAILED";
      default -> "ERROR";
    };
    out.printf(Locale.ROOT, "%s %s: %d steps, %d skipped, %.3f s%n%n", verdict, result.name(), result.steps().size(),
        skipped, result.took().toNanos() / 1e9);
    out.flush();
  }

  /** A file that could not be used, with each problem on its own line. */
  public void unusable(String problems) {
    problems.lines().forEach(out::println);
    out.flush();
  }

  /** The closing line: how many scenarios passed, failed and could not run. */
  public void totals(List<Result> results) {
    long passed = results.stream().filter(Result::passed).count();
    long failed = results.stream().filter(r -> r.outcome() == Outcome.FAILED).count();
    long errors = results.size() - passed - failed;
    out.printf("%d scenario(s): %d passed, %d failed, %d could not run%n", results.size(), passed, failed, errors);
    out.flush();
  }
}
