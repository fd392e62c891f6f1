package io.webassist.console.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.GraphicsEnvironment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * UI tests need a display. Without one they fail when {@code CI=true} (CI must run them, under Xvfb)
 * and are skipped, saying why, on a developer machine.
 */
public final class DisplayGuard implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    if (hasDisplay()) {
      return;
    }
    String why = "no display (DISPLAY=" + System.getenv("DISPLAY") + "): run the UI tests under xvfb-run -a";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(why + " — CI=true, so a missing display is a failure, not a skip");
    }
    Assumptions.abort(why);
  }

  static boolean hasDisplay() {
    if (GraphicsEnvironment.isHeadless()) {
      return false;
    }
    try {
      return GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice() != null;
    } catch (Throwable e) { // AWTError: DISPLAY points nowhere
      return false;
    }
  }
}
