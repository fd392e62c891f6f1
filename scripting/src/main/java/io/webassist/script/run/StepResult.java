package io.webassist.script.run;

import io.webassist.script.scenario.Step;
import java.time.Duration;

/**
 * What one step did.
 *
 * @param step the step, with its file and line
 * @param outcome passed, failed, error or skipped
 * @param startedAt when the step started, counted from the start of the scenario
 * @param took how long the step took
 * @param summary one line on what happened ("got {…}", "token = abc"); the failure message when it failed
 * @param detail the explanation of a failure (expected, received, differences); empty otherwise
 */
public record StepResult(Step step, Outcome outcome, Duration startedAt, Duration took, String summary, String detail) {

  static StepResult skipped(Step step) {
    return new StepResult(step, Outcome.SKIPPED, Duration.ZERO, Duration.ZERO, "not run: an earlier step failed", "");
  }
}
