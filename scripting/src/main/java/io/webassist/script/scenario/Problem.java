package io.webassist.script.scenario;

import java.nio.file.Path;

/** One thing wrong with a scenario file, found before anything connects. */
public record Problem(Path file, int line, String message) {

  /** {@code happy.scn:12: unknown step 'expct' (…)}. */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }
}
