package io.webassist.console.window;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;

/** FlatLaf light and dark (high-DPI scaling comes with FlatLaf); switchable while the console runs. */
public final class Theme {
  private static boolean dark;

  private Theme() {}

  /** Installs the look and feel; call on the EDT before the first window. */
  public static void install(boolean darkTheme) {
    Edt.assertOnEdt();
    dark = darkTheme;
    if (darkTheme) {
      FlatDarkLaf.setup();
    } else {
      FlatLightLaf.setup();
    }
  }

  public static boolean dark() {
    return dark;
  }

  /** Switches light ↔ dark and repaints every window. */
  public static void toggle() {
    install(!dark);
    FlatLaf.updateUI();
  }
}
