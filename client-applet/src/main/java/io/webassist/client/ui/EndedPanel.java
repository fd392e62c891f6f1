package io.webassist.client.ui;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Point;
import java.awt.event.KeyEvent;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextPane;
import javax.swing.JViewport;
import javax.swing.text.DefaultCaret;

/**
 * The help ended, or could not start: the reason in words, "Ask again" and "Close" — and, when
 * there was a chat, the conversation itself, read-only, so the agent's last instructions are not
 * lost with the session (they stay until the person asks again or closes the window).
 */
final class EndedPanel extends JPanel {

  private final JLabel title = Ui.styled("endedTitle", "Session ended", "h2");
  private final JTextArea reason = Ui.wrapped("endedReason", "");
  private final JLabel transcriptCaption = Ui.label("transcriptCaption", "Your conversation");
  private final JTextPane transcript = ConnectedPanel.chatPane("transcript", "Your conversation with your agent");
  private final JScrollPane transcriptScroll = new JScrollPane(transcript);
  private final JPanel transcriptBox = new JPanel(new BorderLayout(0, 4));
  private final JButton askAgain = Ui.button("askAgain", "Ask again", KeyEvent.VK_A);
  private final JButton close = Ui.button("close", "Close", KeyEvent.VK_L);
  private List<AssistWindowModel.ChatLine> shownLines = List.of();
  private boolean followingEnd = true;
  private Dimension lastExtent = new Dimension();
  private Dimension lastView = new Dimension();

  EndedPanel(AssistController controller, Runnable closeWindow) {
    super(new BorderLayout());
    setBorder(BorderFactory.createEmptyBorder(16, 18, 12, 18));
    JPanel body = new JPanel();
    body.setLayout(new BoxLayout(body, BoxLayout.Y_AXIS));
    body.add(title);
    body.add(Box.createVerticalStrut(14));
    body.add(reason);
    add(body, BorderLayout.NORTH);
    transcriptScroll.setPreferredSize(new Dimension(300, 200));
    transcriptScroll.getViewport().addChangeListener(e -> viewportChanged());
    // the caret would scroll to where the text ended as laid out then: the viewport's follower scrolls instead
    ((DefaultCaret) transcript.getCaret()).setUpdatePolicy(DefaultCaret.NEVER_UPDATE);
    transcriptBox.setBorder(BorderFactory.createEmptyBorder(14, 0, 10, 0));
    transcriptBox.add(transcriptCaption, BorderLayout.NORTH);
    transcriptBox.add(transcriptScroll, BorderLayout.CENTER);
    transcriptBox.setVisible(false);
    add(transcriptBox, BorderLayout.CENTER);
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
    showTranscript(model.chat(), model.agentName());
  }

  /** The conversation as it was, its end in view; redrawn only when the lines differ from those shown. */
  private void showTranscript(List<AssistWindowModel.ChatLine> lines, String agentName) {
    transcriptBox.setVisible(!lines.isEmpty());
    transcriptCaption.setText(agentName == null ? "Your conversation" : "Your conversation with " + agentName);
    if (lines.equals(shownLines)) {
      return;
    }
    transcript.setText("");
    for (AssistWindowModel.ChatLine line : lines) {
      ConnectedPanel.append(transcript, line);
    }
    shownLines = List.copyOf(lines);
    followingEnd = true;
    followEnd();
  }

  /**
   * Keeps the end of the transcript in view while the screen settles, and later when the window is
   * resized, unless the person scrolled away from it. The pane's height follows its text wrapped at
   * its width, which changes over several layouts (no width at first; narrower once the scroll bar
   * shows; less room once the reason above has wrapped), so scrolling once at render would miss.
   */
  private void viewportChanged() {
    JViewport viewport = transcriptScroll.getViewport();
    Dimension extent = viewport.getExtentSize();
    Dimension view = viewport.getViewSize();
    boolean resized = !extent.equals(lastExtent) || !view.equals(lastView);
    lastExtent = extent;
    lastView = view;
    if (resized && followingEnd) {
      followEnd();
    } else {
      followingEnd = viewport.getViewPosition().y + extent.height >= view.height - 2;
    }
  }

  private void followEnd() {
    JViewport viewport = transcriptScroll.getViewport();
    int bottom = Math.max(0, viewport.getViewSize().height - viewport.getExtentSize().height);
    viewport.setViewPosition(new Point(0, bottom));
  }
}
