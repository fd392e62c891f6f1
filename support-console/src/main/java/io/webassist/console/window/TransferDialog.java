package io.webassist.console.window;

import io.webassist.console.AgentDesk;
import io.webassist.console.model.SessionModel;
import java.awt.Component;
import java.awt.GridLayout;
import javax.swing.ButtonGroup;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JTextField;

/**
 * Transfer: to an agent id or to a group, with a note for the colleague → {@code session.transfer}. The
 * session goes on until the colleague's starts; a failure shows in the tab.
 */
final class TransferDialog {

  private TransferDialog() {}

  static void ask(Component parent, AgentDesk desk, SessionModel session) {
    JRadioButton toAgent = new JRadioButton("To agent", true);
    toAgent.setName("transferToAgent");
    JRadioButton toGroup = new JRadioButton("To group");
    toGroup.setName("transferToGroup");
    ButtonGroup choice = new ButtonGroup();
    choice.add(toAgent);
    choice.add(toGroup);
    JTextField target = new JTextField(16);
    target.setName("transferTarget");
    JTextField note = new JTextField(24);
    note.setName("transferNote");
    JPanel panel = new JPanel(new GridLayout(0, 1, 4, 4));
    JPanel radios = new JPanel();
    radios.add(toAgent);
    radios.add(toGroup);
    panel.add(radios);
    panel.add(new JLabel("Agent id or group"));
    panel.add(target);
    panel.add(new JLabel("Note for your colleague"));
    panel.add(note);
    int answer = JOptionPane.showConfirmDialog(parent, panel, "Transfer the session with " + session.title(),
        JOptionPane.OK_CANCEL_OPTION, JOptionPane.PLAIN_MESSAGE);
    if (answer != JOptionPane.OK_OPTION) {
      return;
    }
    String to = target.getText().strip();
    if (to.isEmpty()) {
      JOptionPane.showMessageDialog(parent, "Give an agent id or a group.", "Transfer", JOptionPane.WARNING_MESSAGE);
      return;
    }
    try {
      desk.transfer(session.sessionId(), toAgent.isSelected() ? to : null, toGroup.isSelected() ? to : null,
          note.getText());
    } catch (IllegalArgumentException e) {
      JOptionPane.showMessageDialog(parent, "Cannot transfer: " + e.getMessage(), "Transfer",
          JOptionPane.WARNING_MESSAGE);
    }
  }
}
