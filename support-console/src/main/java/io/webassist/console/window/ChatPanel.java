package io.webassist.console.window;

import io.webassist.cobrowse.ChatLog;
import io.webassist.cobrowse.Side;
import io.webassist.console.AgentDesk;
import io.webassist.console.model.CannedReplies;
import io.webassist.console.model.SessionModel;
import io.webassist.protocol.frame.CannedReply;
import java.awt.BorderLayout;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.swing.AbstractAction;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.ScrollPaneConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * A session's chat (claims 98, 109): timestamped lines that wrap inside the pane (no sideways
 * scrolling), "typing…" both ways, canned replies picked from a list or by typing {@code /} and a shortcut (Up/Down choose, Enter takes, Escape closes), Enter sends.
 */
final class ChatPanel extends JPanel {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final AgentDesk desk;
  private final SessionModel session;
  private final CannedReplies canned;
  private final List<String> lines = new ArrayList<>();
  /** The chat: long lines wrap at words (a long word or URL at the edge) inside the pane's width. */
  private final JTextArea log = new JTextArea();
  private final JScrollPane logScroll = new JScrollPane(log,
      ScrollPaneConstants.VERTICAL_SCROLLBAR_AS_NEEDED, ScrollPaneConstants.HORIZONTAL_SCROLLBAR_NEVER);
  private final JLabel typing = new JLabel(" ");
  final JTextField input = new JTextField();
  private final DefaultListModel<CannedReply> replies = new DefaultListModel<>();
  private final JList<CannedReply> replyList = new JList<>(replies);
  private final JScrollPane replyScroll = new JScrollPane(replyList);
  private final JButton repliesButton = new JButton("Replies");
  private final JButton sendButton = new JButton("Send");
  private boolean typingSent;
  /** "typing" ends after a pause, as people expect, not only when the line is sent or cleared. */
  private final javax.swing.Timer typingPause = new javax.swing.Timer(5_000, e -> typingStopped());

  ChatPanel(AgentDesk desk, SessionModel session, CannedReplies canned) {
    super(new BorderLayout(4, 4));
    this.desk = desk;
    this.session = session;
    this.canned = canned;
    log.setName("chatLog");
    log.setEditable(false);
    log.setLineWrap(true);
    log.setWrapStyleWord(true);
    log.getAccessibleContext().setAccessibleName("Chat with " + session.title());
    logScroll.setName("chatScroll");
    typing.setName("typing");
    input.setName("chatInput");
    replyList.setName("cannedReplies");
    replyList.setCellRenderer((list, reply, index, selected, focus) -> {
      JLabel label = new JLabel("/" + reply.shortcut() + " — " + reply.text());
      label.setOpaque(true);
      label.setBackground(selected ? list.getSelectionBackground() : list.getBackground());
      label.setForeground(selected ? list.getSelectionForeground() : list.getForeground());
      return label;
    });
    setPreferredSize(new java.awt.Dimension(380, 400));
    replyScroll.setVisible(false);
    replyScroll.setPreferredSize(new java.awt.Dimension(200, 90));
    add(logScroll, BorderLayout.CENTER);
    JPanel bottom = new JPanel(new BorderLayout(4, 4));
    bottom.add(replyScroll, BorderLayout.NORTH);
    bottom.add(typing, BorderLayout.CENTER);
    JPanel row = new JPanel(new BorderLayout(4, 4));
    row.add(input, BorderLayout.CENTER);
    repliesButton.setName("showReplies");
    repliesButton.setToolTipText("Canned replies (or type / and a shortcut)");
    repliesButton.setEnabled(!canned.forGroup(session.group()).isEmpty());
    repliesButton.addActionListener(e -> showReplies(canned.forGroup(session.group())));
    JButton send = sendButton;
    send.setName("send");
    send.addActionListener(e -> send());
    JPanel buttons = new JPanel(new BorderLayout(4, 4));
    buttons.add(repliesButton, BorderLayout.WEST);
    buttons.add(send, BorderLayout.EAST);
    row.add(buttons, BorderLayout.EAST);
    bottom.add(row, BorderLayout.SOUTH);
    add(bottom, BorderLayout.SOUTH);
    wireKeys();
    for (ChatLog.Entry entry : session.cobrowse().chat().entries()) {
      added(entry);
    }
    session.cobrowse().chat().addListener(new ChatLog.Listener() {
      @Override
      public void messageAdded(ChatLog.Entry entry) {
        added(entry);
      }

      @Override
      public void peerTypingChanged(boolean peerTyping) {
        typing.setText(peerTyping ? session.title() + " is typing …" : " ");
      }
    });
  }

  private void wireKeys() {
    typingPause.setRepeats(false);
    input.addActionListener(e -> enter());
    input.getDocument().addDocumentListener(new DocumentListener() {
      @Override
      public void insertUpdate(DocumentEvent e) {
        edited();
      }

      @Override
      public void removeUpdate(DocumentEvent e) {
        edited();
      }

      @Override
      public void changedUpdate(DocumentEvent e) {
        edited();
      }
    });
    bind(input, "UP", "replyUp", () -> moveReply(-1));
    bind(input, "DOWN", "replyDown", () -> moveReply(1));
    bind(input, "ESCAPE", "replyClose", () -> replyScroll.setVisible(false));
    replyList.addMouseListener(new MouseAdapter() {
      @Override
      public void mouseClicked(MouseEvent e) {
        if (e.getClickCount() == 2) {
          takeReply();
        }
      }
    });
    bind(replyList, "ENTER", "replyTake", this::takeReply);
  }

  private static void bind(JComponent component, String key, String name, Runnable action) {
    component.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(key), name);
    component.getActionMap().put(name, new AbstractAction() {
      @Override
      public void actionPerformed(ActionEvent e) {
        action.run();
      }
    });
  }

  private void added(ChatLog.Entry entry) {
    String who = entry.sender() == Side.AGENT ? "You" : session.title();
    String line = "[" + TIME.format(Instant.ofEpochMilli(entry.ts())) + "] " + who + ": " + entry.text();
    log.append(lines.isEmpty() ? line : "\n" + line);
    lines.add(line);
    log.setCaretPosition(log.getDocument().getLength()); // the newest line in view

  }

  /** The text changed: typing indicator for the user, and the canned-reply list for a leading "/". */
  private void edited() {
    String text = input.getText();
    boolean nowTyping = !text.isBlank() && !text.startsWith("/");
    if (nowTyping != typingSent) {
      typingSent = nowTyping;
      desk.typing(session.sessionId(), nowTyping);
    }
    if (nowTyping) {
      typingPause.restart();
    }
    if (text.startsWith("/")) {
      showReplies(canned.matching(session.group(), text));
    } else if (replyScroll.isVisible()) {
      replyScroll.setVisible(false);
      revalidate();
    }
  }

  private void typingStopped() {
    typingPause.stop();
    if (typingSent) {
      typingSent = false;
      desk.typing(session.sessionId(), false);
    }
  }

  /**
   * The session ended: the transcript stays readable (and selectable, to copy into notes), nothing more
   * can be sent. What was typed and not sent stays in the disabled input.
   */
  void ended() {
    typingPause.stop();
    typingSent = false;
    input.setEnabled(false);
    input.setToolTipText("The session ended; nothing more can be sent");
    sendButton.setEnabled(false);
    repliesButton.setEnabled(false);
    replyScroll.setVisible(false);
    typing.setText(" ");
    revalidate();
  }

  /** The tab closed: no timer left behind. */
  void dispose() {
    typingPause.stop();
  }

  private void showReplies(List<CannedReply> matching) {
    replies.clear();
    matching.forEach(replies::addElement);
    replyScroll.setVisible(!matching.isEmpty());
    if (!matching.isEmpty()) {
      replyList.setSelectedIndex(0);
    }
    revalidate();
    repaint();
  }

  private void moveReply(int by) {
    if (!replyScroll.isVisible() || replies.isEmpty()) {
      return;
    }
    int next = Math.max(0, Math.min(replies.size() - 1, replyList.getSelectedIndex() + by));
    replyList.setSelectedIndex(next);
    replyList.ensureIndexIsVisible(next);
  }

  private void takeReply() {
    CannedReply chosen = replyList.getSelectedValue();
    if (chosen != null) {
      replyScroll.setVisible(false);
      input.setText(chosen.text());
      input.requestFocusInWindow();
      revalidate();
    }
  }

  /** Enter: takes the highlighted canned reply while the list is open, else sends. */
  private void enter() {
    if (replyScroll.isVisible() && replyList.getSelectedValue() != null) {
      takeReply();
    } else {
      send();
    }
  }

  private void send() {
    String text = input.getText().strip();
    if (text.isEmpty()) {
      return;
    }
    input.setText("");
    desk.chat(session.sessionId(), text);
  }

  /** What the log shows, one entry per chat line, for tests. */
  List<String> lines() {
    return List.copyOf(lines);
  }
}
