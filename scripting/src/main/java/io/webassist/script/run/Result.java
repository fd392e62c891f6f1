package io.webassist.script.run;

import io.webassist.script.scenario.Source;
import io.webassist.script.scenario.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one scenario run did: each step's result (steps after a failure are {@link Outcome#SKIPPED}),
 * the overall outcome, and {@link #report()}, the text to show when it did not pass.
 */
public record Result(String name, Path file, Outcome outcome, List<StepResult> steps, Duration took, String problem) {

  public Result {
    steps = List.copyOf(steps);
    problem = problem == null ? "" : problem;
  }

  /** A file that could not be run at all (it did not parse); {@code problem} says why. */
  public static Result unusable(String name, Path file, String problem) {
    return new Result(name, file, Outcome.ERROR, List.of(), Duration.ZERO, problem);
  }

  public boolean passed() {
    return outcome == Outcome.PASSED;
  }

  /** The step that failed, if one did. */
  public Optional<StepResult> failure() {
    return steps.stream()
        .filter(s -> s.outcome() == Outcome.FAILED || s.outcome() == Outcome.ERROR)
        .findFirst();
  }

  /** What went wrong, as the console shows it: the failed step's file, line, message and diff. */
  public String report() {
    if (passed()) {
      return name + ": passed (" + steps.size() + " steps, " + took.toMillis() + " ms)";
    }
    if (!problem.isEmpty()) {
      return name + ": " + problem;
    }
    return failure().map(Result::describe).orElse(name + ": " + outcome);
  }

  private static String describe(StepResult failed) {
    Step step = failed.step();
    Source source = step.source();
    String text = source.location() + ": " + failed.summary() + "\n  step: " + source.text();
    return failed.detail().isEmpty() ? text : text + "\n" + failed.detail();
  }
}
