package io.webassist.script.scenario;

import java.nio.file.Path;
import java.util.List;

/** A parsed scenario file: its steps in order, includes already spliced in. */
public record Scenario(String name, Path file, List<Step> steps) {
  public Scenario {
    steps = List.copyOf(steps);
  }
}
