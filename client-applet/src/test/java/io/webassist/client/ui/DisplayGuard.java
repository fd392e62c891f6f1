package io.webassist.client.ui;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Optional;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Before a class of window tests: is there a display? In CI ({@code CI=true}) none is a failure
 * with the fix in the message; on a developer machine the tests are skipped, saying why. Then
 * installs AssertJ Swing's check that every Swing call happens on the EDT.
 */
public final class DisplayGuard implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    Optional<String> noDisplay = WindowLauncher.noDisplay();
    if (noDisplay.isPresent()) {
      String message = "UI tests need a display: " + noDisplay.get()
          + ". Run them under a virtual one: CI=true xvfb-run -a mvn -B verify";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message + " (skipped: not CI)");
    }
    FailOnThreadViolationRepaintManager.install();
  }
}
