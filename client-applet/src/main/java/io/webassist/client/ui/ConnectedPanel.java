package io.webassist.client.ui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.event.KeyEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.JTextPane;
import javax.swing.UIManager;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.text.BadLocationException;
import javax.swing.text.SimpleAttributeSet;
import javax.swing.text.StyleConstants;
import javax.swing.text.StyledDocument;

/**
 * Connected to an agent: who is helping and how the link stands, the consent switch ("Let Bob
 * guide me on this page": Allow / Stop, claims 92, 94), where the agent took the page, the chat
 * with timestamps and the typing indicator (claims 98, 109), and End.
 */
final class ConnectedPanel extends JPanel {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

  private final AssistController controller;
  private final JLabel agent = Ui.styled("agent", " ", "h3");
  private final JLabel link = Ui.muted(Ui.label("linkState", " "));
  private final JLabel consentLabel = Ui.label("consentLabel", " ");
  private final JButton consent = Ui.button("consent", "Allow", KeyEvent.VK_L);
  private final JLabel consentState = Ui.muted(Ui.label("consentState", " "));
  private final JPanel navigationRow = new JPanel(new BorderLayout(6, 2));
  private final JLabel navigationCaption = Ui.label("navigationCaption", " ");
  private final JTextField navigationLink = new JTextField();
  private final JButton open = Ui.button("openLink", "Open", KeyEvent.VK_O);
  private final JButton copy = Ui.button("copyLink", "Copy", 0);
  private final JTextPane chat = chatPane("chat", "Chat with your agent");
  private final JLabel typing = Ui.muted(Ui.label("typing", " "));
  private final JTextField message = new JTextField();
  private final JButton send = Ui.button("send", "Send", KeyEvent.VK_S);
  private final JButton end = Ui.button("end", "End", KeyEvent.VK_E);
  private boolean allowed;

  ConnectedPanel(AssistController controller) {
    super(new BorderLayout(0, 8));
    this.controller = controller;
    setBorder(BorderFactory.createEmptyBorder(12, 14, 10, 14));

    JPanel top = new JPanel();
    top.setLayout(new BoxLayout(top, BoxLayout.Y_AXIS));
    top.add(agent);
    top.add(link);
    top.add(Box.createVerticalStrut(8));
    JPanel consentRow = new JPanel(new BorderLayout(8, 0));
    consentRow.setAlignmentX(Component.LEFT_ALIGNMENT);
    consentRow.add(consentLabel, BorderLayout.CENTER);
    consentRow.add(consent, BorderLayout.EAST);
    consentRow.setMaximumSize(new Dimension(Integer.MAX_VALUE, consentRow.getPreferredSize().height));
    top.add(consentRow);
    top.add(consentState);
    top.add(Box.createVerticalStrut(6));
    navigationLink.setName("navigationLink");
    navigationLink.setEditable(false);
    navigationLink.getAccessibleContext().setAccessibleName("Address your agent opened");
    JPanel navigationButtons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 4, 0));
    navigationButtons.add(open);
    navigationButtons.add(copy);
    navigationRow.add(navigationCaption, BorderLayout.NORTH);
    navigationRow.add(navigationLink, BorderLayout.CENTER);
    navigationRow.add(navigationButtons, BorderLayout.EAST);
    navigationRow.setAlignmentX(Component.LEFT_ALIGNMENT);
    navigationRow.setVisible(false);
    top.add(navigationRow);
    add(top, BorderLayout.NORTH);

    JScrollPane scroll = new JScrollPane(chat);
    scroll.setPreferredSize(new Dimension(300, 200));
    add(scroll, BorderLayout.CENTER);

    JPanel bottom = new JPanel();
    bottom.setLayout(new BoxLayout(bottom, BoxLayout.Y_AXIS));
    typing.setAlignmentX(Component.LEFT_ALIGNMENT);
    bottom.add(typing);
    bottom.add(Box.createVerticalStrut(2));
    JPanel input = new JPanel(new BorderLayout(6, 0));
    message.setName("message");
    message.getAccessibleContext().setAccessibleName("Your message");
    message.putClientProperty("JTextField.placeholderText", "Type a message");
    input.add(message, BorderLayout.CENTER);
    input.add(send, BorderLayout.EAST);
    input.setAlignmentX(Component.LEFT_ALIGNMENT);
    bottom.add(input);
    bottom.add(Box.createVerticalStrut(8));
    JPanel endRow = new JPanel(new FlowLayout(FlowLayout.RIGHT, 0, 0));
    endRow.add(end);
    endRow.setAlignmentX(Component.LEFT_ALIGNMENT);
    bottom.add(endRow);
    add(bottom, BorderLayout.SOUTH);

    consent.addActionListener(e -> controller.consent(!allowed));
    open.addActionListener(e -> controller.openSuggested());
    copy.addActionListener(e -> controller.copySuggested());
    send.addActionListener(e -> sendMessage());
    message.addActionListener(e -> sendMessage());
    end.addActionListener(e -> controller.end());
    message.getDocument().addDocumentListener(new DocumentListener() {
      @Override public void insertUpdate(DocumentEvent e) { controller.typed(); }
      @Override public void removeUpdate(DocumentEvent e) { }
      @Override public void changedUpdate(DocumentEvent e) { }
    });
  }

  JButton defaultButton() {
    return send;
  }

  Component firstFocus() {
    return message;
  }

  private void sendMessage() {
    String text = message.getText();
    if (!text.isBlank()) {
      controller.send(text);
      message.setText("");
    }
  }

  void render(AssistWindowModel model) {
    String name = model.agentName() == null ? "Your agent" : model.agentName();
    agent.setText(name + " is helping you");
    link.setText(model.linkText());
    allowed = model.consent();
    consentLabel.setText("Let " + name + " guide me on this page");
    consent.setText(allowed ? "Stop" : "Allow");
    consent.setMnemonic(allowed ? KeyEvent.VK_T : KeyEvent.VK_L);
    consentState.setText(allowed ? name + " can guide you on this page. Stop at any time."
        : name + " cannot guide you until you allow it.");
    typing.setText(model.agentTyping() ? name + " is typing …" : " ");
    if (model.chat().isEmpty() && chat.getDocument().getLength() > 0) {
      chat.setText(""); // a new request after the last one ended: a new talk
    }
    String url = model.suggestedUrl();
    navigationRow.setVisible(url != null);
    if (url != null) {
      // no browser this program can open (no desktop): no greyed-out Open, but what to do instead
      navigationCaption.setText(model.suggestedOpened() ? name + " opened this page in your browser:"
          : controller.canOpenPages() ? name + " wants to show you this page:"
          : name + " wants to show you this page; copy it into your browser:");
      if (!url.equals(navigationLink.getText())) {
        navigationLink.setText(url);
        navigationLink.setCaretPosition(0);
      }
      open.setVisible(controller.canOpenPages());
    }
  }

  /** A new chat line, with its time and who wrote it. */
  void append(AssistWindowModel.ChatLine line) {
    append(chat, line);
    chat.setCaretPosition(chat.getDocument().getLength());
  }

  /** A read-only pane for chat lines that wraps long words; the ended screen shows the transcript in one too. */
  static JTextPane chatPane(String name, String accessibleName) {
    JTextPane pane = new JTextPane();
    pane.setName(name);
    pane.setEditable(false);
    pane.setEditorKit(new WrappingKit());
    pane.getAccessibleContext().setAccessibleName(accessibleName);
    return pane;
  }

  /** Adds {@code line} at the end of {@code pane}. */
  static void append(JTextPane pane, AssistWindowModel.ChatLine line) {
    StyledDocument doc = pane.getStyledDocument();
    SimpleAttributeSet time = new SimpleAttributeSet();
    Color muted = UIManager.getColor("Label.disabledForeground");
    if (muted != null) {
      StyleConstants.setForeground(time, muted);
    }
    SimpleAttributeSet who = new SimpleAttributeSet();
    StyleConstants.setBold(who, true);
    try {
      if (doc.getLength() > 0) {
        doc.insertString(doc.getLength(), "\n", null);
      }
      doc.insertString(doc.getLength(), CLOCK.format(Instant.ofEpochMilli(line.ts())) + "  ", time);
      doc.insertString(doc.getLength(), line.from() + ": ", who);
      doc.insertString(doc.getLength(), line.text(), null);
    } catch (BadLocationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Lets a long word (a URL) break at the pane's edge: since Java 7 a text pane's minimum width is its
   * longest word, so one long URL would otherwise make the whole chat scroll sideways.
   */
  private static final class WrappingKit extends javax.swing.text.StyledEditorKit {
    @Override
    public javax.swing.text.ViewFactory getViewFactory() {
      javax.swing.text.ViewFactory styled = super.getViewFactory();
      return element -> !javax.swing.text.AbstractDocument.ContentElementName.equals(element.getName())
          ? styled.create(element)
          : new javax.swing.text.LabelView(element) {
            @Override
            public float getMinimumSpan(int axis) {
              return axis == X_AXIS ? 0 : super.getMinimumSpan(axis);
            }
          };
    }
  }
}
