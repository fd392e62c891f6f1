package io.webassist.script.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks over a whole parsed scenario that a single line cannot show: every variable is set before
 * it is used, and every actor is connected before it sends or expects. Catches a misspelt actor or
 * variable name before anything connects.
 */
final class ScenarioChecks {

  /** Variables every run defines from {@code --server}. */
  static final Set<String> BUILT_IN = Set.of("serverHost", "serverPort");

  private ScenarioChecks() {}

  static List<Problem> check(List<Step> steps, Set<String> predefined) {
    List<Problem> problems = new ArrayList<>();
    Set<String> defined = new HashSet<>(predefined);
    defined.addAll(BUILT_IN);
    Set<String> connected = new LinkedHashSet<>();
    Set<String> listening = new HashSet<>();
    for (Step step : steps) {
      for (String name : variablesUsed(step)) {
        if (!defined.contains(name)) {
          problems.add(problem(step, "variable ${" + name + "} is not set before this line"
              + " (set it with set, default, capture or listen, or with --var " + name + "=…)"));
        }
      }
      if (step instanceof Step.SetVariable set) {
        defined.add(set.name());
      } else if (step instanceof Step.Capture capture) {
        defined.add(capture.variable());
      } else if (step instanceof Step.Listen listen) {
        defined.add(listen.variable());
        defined.add(listen.fingerprintVariable());
      }
      if (step instanceof Step.ActorStep actorStep) {
        checkActor(actorStep, connected, listening, problems);
      }
    }
    return problems;
  }

  private static void checkActor(Step.ActorStep step, Set<String> connected, Set<String> listening,
      List<Problem> problems) {
    String actor = step.actor();
    if (step instanceof Step.Connect) {
      connected.add(actor);
    } else if (step instanceof Step.Listen) {
      listening.add(actor);
    } else if (step instanceof Step.Accept) {
      if (!listening.contains(actor)) {
        problems.add(problem(step, "actor '" + actor + "' accepts but has not listened (add '" + actor
            + ": listen portVariable' before)"));
      }
      connected.add(actor);
    } else if (!connected.contains(actor)) {
      String known = connected.isEmpty() ? "none yet" : String.join(", ", connected);
      problems.add(problem(step, "actor '" + actor + "' is not connected here (connect, dial or listen + accept"
          + " first; connected actors: " + known + ")"));
    }
  }

  private static Set<String> variablesUsed(Step step) {
    Set<String> names = new LinkedHashSet<>();
    for (Template template : templatesOf(step)) {
      if (template != null) {
        names.addAll(template.variables());
      }
    }
    return names;
  }

  private static List<Template> templatesOf(Step step) {
    List<Template> templates = new ArrayList<>();
    if (step instanceof Step.Connect s) {
      templates.add(s.address());
      templates.add(s.pin());
    } else if (step instanceof Step.Send s) {
      templates.add(s.line());
    } else if (step instanceof Step.Expect s) {
      templates.add(s.expected());
      templates.add(s.timeout());
    } else if (step instanceof Step.ExpectSilence s) {
      templates.add(s.period());
    } else if (step instanceof Step.ExpectClosed s) {
      templates.add(s.timeout());
    } else if (step instanceof Step.Accept s) {
      templates.add(s.timeout());
    } else if (step instanceof Step.SetVariable s) {
      templates.add(s.value());
    }
    return templates;
  }

  private static Problem problem(Step step, String message) {
    return new Problem(step.source().file(), step.source().line(), message);
  }
}
