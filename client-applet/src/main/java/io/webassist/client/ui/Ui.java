package io.webassist.client.ui;

import java.awt.Color;
import java.awt.Component;
import java.awt.Font;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JTextArea;
import javax.swing.UIManager;

/** Small building blocks the window's screens share: labels that never render HTML, wrapped text, styles. */
final class Ui {

  private Ui() {}

  /**
   * A label for text from elsewhere (an agent's name, a server's message): with HTML rendering off,
   * so text that starts with {@code <html>} is shown, not interpreted.
   */
  static JLabel label(String name, String text) {
    JLabel label = new JLabel(text);
    label.setName(name);
    label.putClientProperty("html.disable", Boolean.TRUE);
    label.setAlignmentX(Component.LEFT_ALIGNMENT);
    return label;
  }

  /** A label in one of FlatLaf's type styles ("h2", "large", "small", …). */
  static JLabel styled(String name, String text, String styleClass) {
    JLabel label = label(name, text);
    label.putClientProperty("FlatLaf.styleClass", styleClass);
    return label;
  }

  /** Text that wraps at the panel's width; read-only, looks like a label, stays out of the focus order. */
  static JTextArea wrapped(String name, String text) {
    JTextArea area = new JTextArea(text);
    area.setName(name);
    area.setEditable(false);
    area.setFocusable(false);
    area.setLineWrap(true);
    area.setWrapStyleWord(true);
    area.setOpaque(false);
    area.setBorder(BorderFactory.createEmptyBorder());
    area.setFont(UIManager.getFont("Label.font"));
    area.setForeground(UIManager.getColor("Label.foreground"));
    area.setAlignmentX(Component.LEFT_ALIGNMENT);
    area.setColumns(24);
    return area;
  }

  /** Secondary text: smaller and greyed. */
  static <T extends Component> T muted(T component) {
    Color muted = UIManager.getColor("Label.disabledForeground");
    if (muted != null) {
      component.setForeground(muted);
    }
    Font font = component.getFont();
    if (font != null) {
      component.setFont(font.deriveFont(font.getSize2D() - 1f));
    }
    return component;
  }

  /**
   * Red for error text that reads on the theme's background (contrast about 5:1 on both): FlatLaf's
   * error border colour, used before, is too dim for text on the dark theme (1.4:1).
   */
  static Color errorColor() {
    return com.formdev.flatlaf.FlatLaf.isLafDark() ? new Color(0xFF8A8A) : new Color(0xC62828);
  }

  static JButton button(String name, String text, int mnemonic) {
    JButton button = new JButton(text);
    button.setName(name);
    if (mnemonic != 0) {
      button.setMnemonic(mnemonic);
    }
    return button;
  }
}
