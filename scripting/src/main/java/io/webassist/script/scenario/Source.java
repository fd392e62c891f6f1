package io.webassist.script.scenario;

import java.nio.file.Path;

/** Where a step was written: the file (as the tester named it), the 1-based line, and its text. */
public record Source(Path file, int line, String text) {

  /** {@code happy.scn:12}, the form every message uses. */
  public String location() {
    return file + ":" + line;
  }

  @Override
  public String toString() {
    return location();
  }
}
