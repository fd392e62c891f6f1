package io.webassist.script.report;

import io.webassist.script.scenario.Step;

/** How a step is named in reports: {@code alice: expect {…}}, as written in the file. */
final class StepText {

  private StepText() {}

  static String of(Step step) {
    return step.source().text();
  }

  static String clip(String text, int max) {
    return text.length() > max ? text.substring(0, max - 1) + "…" : text;
  }
}
