package io.webassist.script.run;

/** How a step or a scenario ended. */
public enum Outcome {
  PASSED,
  /** An expectation was not met: the server under test did something else. Exit code 1. */
  FAILED,
  /** The run could not go on for a reason outside the scenario: the server is not reachable. Exit code 2. */
  ERROR,
  /** Not run, because an earlier step failed. */
  SKIPPED
}
