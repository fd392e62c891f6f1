package io.webassist.e2e;

import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What an end-to-end test needs from the machine: a program on the PATH, a display. In CI
 * ({@code CI=true}) a missing piece fails the test, since .ci/run installs everything; on a developer
 * machine the test is skipped, saying what is missing.
 */
final class Needs {

  private Needs() {}

  /** The program's path on the PATH; {@code what} names it for a person who has to install it. */
  static Path program(String program, String what) {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(folder, program);
      if (!folder.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return missing(what);
  }

  /** A display the test's windows and launched programs can use. */
  static void display() {
    String problem;
    try {
      problem = GraphicsEnvironment.isHeadless() ? "headless" : null;
      if (problem == null) {
        GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice();
      }
    } catch (AWTError | HeadlessException e) {
      problem = e.toString();
    }
    if (problem != null) {
      missing("a display (" + problem + "); run under xvfb-run -a");
    }
  }

  /** Fails in CI, skips elsewhere; returns only to satisfy the compiler. */
  static <T> T missing(String what) {
    String message = "this test needs " + what;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message + " (CI installs it: .ci/run)");
    }
    Assumptions.abort(message + ": skipped");
    return null;
  }
}
