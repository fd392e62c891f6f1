package io.webassist.script.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario file that cannot be run; {@link #problems()} has each problem with its file and line. */
public final class ScenarioSyntaxException extends RuntimeException {

  private final transient List<Problem> problems;

  public ScenarioSyntaxException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
