package io.webassist.script.run;

/**
 * A step did not do what the scenario said. {@code detail} is the multi-line explanation a tester
 * reads (expected, received, differences); {@code outcome} is FAILED or ERROR.
 */
final class StepFailure extends Exception {

  private final String detail;
  private final Outcome outcome;

  StepFailure(String message, String detail) {
    this(message, detail, Outcome.FAILED);
  }

  StepFailure(String message, String detail, Outcome outcome) {
    super(message, null, false, false);
    this.detail = detail;
    this.outcome = outcome;
  }

  String detail() {
    return detail;
  }

  Outcome outcome() {
    return outcome;
  }
}
