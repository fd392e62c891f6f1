package io.webassist.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Error text (a field's mistake, "reconnecting") is readable in both themes: at least 4.5:1 against
 * the window's background, the WCAG level for normal text.
 */
class ErrorColourTest {

  @AfterEach
  void backToLight() throws Exception {
    SwingUtilities.invokeAndWait(() -> Theme.install(Theme.Choice.LIGHT));
  }

  @Test
  void errorTextReadsOnTheLightAndTheDarkBackground() throws Exception {
    for (Theme.Choice theme : new Theme.Choice[] {Theme.Choice.LIGHT, Theme.Choice.DARK}) {
      double[] contrast = new double[1];
      SwingUtilities.invokeAndWait(() -> {
        Theme.install(theme);
        contrast[0] = contrast(Ui.errorColor(), UIManager.getColor("Panel.background"));
      });
      assertThat(contrast[0]).as("error text on the %s background", theme).isGreaterThanOrEqualTo(4.5);
    }
  }

  private static double contrast(Color a, Color b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(Color c) {
    return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
  }

  private static double linear(int channel) {
    double v = channel / 255.0;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }
}
