package io.webassist.client.ui;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.event.KeyEvent;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;

/** The help ended, or could not start: the reason in words, "Ask again" and "Close". */
final class EndedPanel extends JPanel {

  private final JLabel title = Ui.styled("endedTitle", "Session ended", "h2");
  private final JTextArea reason = Ui.wrapped("endedReason", "");
  private final JButton askAgain = Ui.button("askAgain", "Ask again", KeyEvent.VK_A);
  private final JButton close = Ui.button("close", "Close", KeyEvent.VK_L);

  EndedPanel(AssistController controller, Runnable closeWindow) {
    super(new BorderLayout());
    setBorder(BorderFactory.createEmptyBorder(16, 18, 12, 18));
    JPanel body = new JPanel();
    body.setLayout(new BoxLayout(body, BoxLayout.Y_AXIS));
    body.add(title);
    body.add(Box.createVerticalStrut(14));
    body.add(reason);
    add(body, BorderLayout.NORTH);
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 8, 0));
    buttons.add(close);
    buttons.add(askAgain);
    add(buttons, BorderLayout.SOUTH);
    askAgain.addActionListener(e -> controller.askAgain());
    close.addActionListener(e -> closeWindow.run());
  }

  JButton defaultButton() {
    return askAgain;
  }

  void render(AssistWindowModel model) {
    title.setText(model.endReason() != null ? "Session ended"
        : model.unavailableReason() == io.webassist.protocol.frame.UnavailableReason.CANCELLED ? "Request cancelled"
        : model.unavailableReason() != null ? "No help right now" : "Could not ask for help");
    reason.setText(model.endedText() == null ? "" : model.endedText());
  }
}
