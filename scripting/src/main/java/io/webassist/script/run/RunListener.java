package io.webassist.script.run;

import io.webassist.script.scenario.Scenario;

/** Told about a run as it goes, so that a tester sees each step when it finishes. */
public interface RunListener {

  RunListener NONE = new RunListener() {};

  default void scenarioStarted(Scenario scenario) {}

  default void stepFinished(StepResult result) {}

  default void scenarioFinished(Result result) {}
}
