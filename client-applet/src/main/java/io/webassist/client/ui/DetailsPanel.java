package io.webassist.client.ui;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.event.KeyEvent;
import java.net.URI;
import java.util.Optional;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * "Your details": name and phone, filled in from what the page passed, at least one required, each
 * checked as it is typed once the person has tried to send; one line says exactly what is sent.
 */
final class DetailsPanel extends JPanel {

  private final AssistController controller;
  private final JTextField name = new JTextField(20);
  private final JTextField phone = new JTextField(20);
  private final JTextArea nameError = error("nameError");
  private final JTextArea phoneError = error("phoneError");
  private final JButton ask = Ui.button("ask", "Ask for help", KeyEvent.VK_A);
  private final JButton cancel = Ui.button("cancel", "Cancel", KeyEvent.VK_C);
  private boolean triedToSend;

  DetailsPanel(AssistController controller) {
    super(new BorderLayout());
    this.controller = controller;
    AssistWindowModel model = controller.model();
    setBorder(BorderFactory.createEmptyBorder(16, 18, 12, 18));
    name.setName("name");
    phone.setName("phone");
    name.setText(model.details().name());
    phone.setText(model.details().phone());
    name.getAccessibleContext().setAccessibleName("Your name");
    phone.getAccessibleContext().setAccessibleName("Phone number");

    JPanel form = new JPanel();
    form.setLayout(new BoxLayout(form, BoxLayout.Y_AXIS));
    form.add(Ui.styled("detailsTitle", "Get help on this page", "h2"));
    form.add(Box.createVerticalStrut(6));
    form.add(Ui.wrapped("detailsIntro",
        "A person from the help desk will chat with you and, if you allow it, guide you on this page."));
    form.add(Box.createVerticalStrut(14));
    form.add(field("Your name", KeyEvent.VK_N, name));
    form.add(nameError);
    form.add(Box.createVerticalStrut(8));
    form.add(field("Phone number", KeyEvent.VK_P, phone));
    form.add(phoneError);
    form.add(Box.createVerticalStrut(14));
    form.add(Ui.muted(Ui.wrapped("sentLine", sentLine(model.pageUrl()))));
    add(form, BorderLayout.NORTH);

    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 8, 0));
    buttons.add(cancel);
    buttons.add(ask);
    add(buttons, BorderLayout.SOUTH);

    ask.addActionListener(e -> askForHelp());
    cancel.addActionListener(e -> controller.cancel());
    DocumentListener recheck = new DocumentListener() {
      @Override public void insertUpdate(DocumentEvent e) { recheck(); }
      @Override public void removeUpdate(DocumentEvent e) { recheck(); }
      @Override public void changedUpdate(DocumentEvent e) { recheck(); }
    };
    name.getDocument().addDocumentListener(recheck);
    phone.getDocument().addDocumentListener(recheck);
  }

  /** The button Enter presses on this screen. */
  JButton defaultButton() {
    return ask;
  }

  /** Where the keyboard starts: the first field to fill in, else the button. */
  JComponent firstFocus() {
    Details details = details();
    if (details.name().isEmpty()) {
      return name;
    }
    return details.problems().none() ? ask : phone;
  }

  private void askForHelp() {
    triedToSend = true;
    Details entered = details();
    show(entered.problems());
    if (!controller.ask(entered)) {
      (entered.problems().name().isPresent() ? name : phone).requestFocusInWindow();
    }
  }

  private void recheck() {
    if (triedToSend) {
      show(details().problems());
    }
  }

  private void show(Details.Problems problems) {
    show(problems.name(), name, nameError);
    show(problems.phone(), phone, phoneError);
  }

  private static void show(Optional<String> problem, JTextField field, JTextArea error) {
    error.setText(problem.orElse(" "));
    field.putClientProperty("JComponent.outline", problem.isPresent() ? "error" : null);
    field.getAccessibleContext().setAccessibleDescription(problem.orElse(null));
  }

  private Details details() {
    return new Details(name.getText(), phone.getText());
  }

  private static JPanel field(String label, int mnemonic, JTextField field) {
    JPanel row = new JPanel(new BorderLayout(0, 3));
    JLabel caption = new JLabel(label);
    caption.setDisplayedMnemonic(mnemonic);
    caption.setLabelFor(field);
    row.add(caption, BorderLayout.NORTH);
    row.add(field, BorderLayout.CENTER);
    row.setAlignmentX(Component.LEFT_ALIGNMENT);
    row.setMaximumSize(new java.awt.Dimension(Integer.MAX_VALUE, row.getPreferredSize().height));
    return row;
  }

  /** A mistake under its field; it wraps, as "give your name or a phone number …" is wider than the window. */
  private static JTextArea error(String name) {
    JTextArea error = Ui.wrapped(name, " ");
    error.setForeground(Ui.errorColor());
    return error;
  }

  /** What leaves this machine with the request, said before it does. */
  static String sentLine(String pageUrl) {
    return "Sent with your request: the name and phone number above, this page's address ("
        + shortAddress(pageUrl) + ") and your computer's IP address as the help desk sees it.";
  }

  private static String shortAddress(String url) {
    try {
      URI uri = URI.create(url);
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      return uri.getHost() == null ? url : uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + path;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
