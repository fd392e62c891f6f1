package io.webassist.console.page;

import static org.assertj.core.api.Assertions.fail;

import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import org.junit.jupiter.api.Assumptions;

/**
 * The UI tests' display check: without a display they fail where {@code CI=true} (CI starts Xvfb, so a
 * missing display is a broken build, not a reason to skip) and are skipped, saying why, elsewhere.
 */
final class Display {

  private Display() {}

  static void require() {
    String problem = problem();
    if (problem == null) {
      return;
    }
    String message = "no display (" + problem + "): run the UI tests under `xvfb-run -a`";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " — CI=true, so this fails instead of skipping");
    }
    Assumptions.abort(message);
  }

  private static String problem() {
    try {
      if (GraphicsEnvironment.isHeadless()) {
        return "headless";
      }
      GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice();
      return null;
    } catch (AWTError | HeadlessException e) {
      return e.toString();
    }
  }
}
