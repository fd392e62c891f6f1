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
import javax.swing.JProgressBar;
import javax.swing.JTextArea;

/** Connecting and waiting: the place in the queue and the estimated wait, updated live, and Cancel. */
final class WaitingPanel extends JPanel {

  private final JLabel title = Ui.styled("waitingTitle", "Waiting for a helper", "h2");
  private final JLabel position = Ui.styled("position", " ", "large");
  private final JLabel estimate = Ui.label("estimate", " ");
  private final JTextArea note = Ui.wrapped("waitingNote", "");
  // wraps: at the window's width the sentence does not fit on one line
  private final JTextArea reconnecting = Ui.wrapped("reconnecting", "");
  private final JButton cancel = Ui.button("cancelRequest", "Cancel", KeyEvent.VK_C);

  WaitingPanel(AssistController controller) {
    super(new BorderLayout());
    setBorder(BorderFactory.createEmptyBorder(16, 18, 12, 18));
    JPanel body = new JPanel();
    body.setLayout(new BoxLayout(body, BoxLayout.Y_AXIS));
    body.add(title);
    body.add(Box.createVerticalStrut(18));
    body.add(position);
    body.add(Box.createVerticalStrut(6));
    body.add(estimate);
    body.add(Box.createVerticalStrut(14));
    JProgressBar busy = new JProgressBar();
    busy.setIndeterminate(true);
    busy.setAlignmentX(LEFT_ALIGNMENT);
    busy.getAccessibleContext().setAccessibleName("Waiting");
    body.add(busy);
    body.add(Box.createVerticalStrut(14));
    body.add(note);
    body.add(Box.createVerticalStrut(8));
    reconnecting.setForeground(Ui.errorColor());
    body.add(reconnecting);
    add(body, BorderLayout.NORTH);
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 8, 0));
    buttons.add(cancel);
    add(buttons, BorderLayout.SOUTH);
    cancel.addActionListener(e -> controller.cancel());
  }

  JButton defaultButton() {
    return cancel;
  }

  void render(AssistWindowModel model) {
    boolean connecting = model.screen() == AssistWindowModel.Screen.CONNECTING;
    title.setText(connecting ? "Asking for help" : "Waiting for a helper");
    position.setText(model.positionText());
    String wait = model.estimateText();
    estimate.setText(wait != null ? wait : connecting ? " " : "Waiting for the next free agent.");
    note.setText(model.waitingNote() == null ? "" : model.waitingNote());
    reconnecting.setText(model.reconnecting() ? "Lost the connection to the help desk; reconnecting …" : "");
  }
}
