package io.webassist.console.window;

import io.webassist.cobrowse.Notice;
import io.webassist.console.AgentDesk;
import io.webassist.console.model.ActivityList;
import io.webassist.console.model.ActivityText;
import io.webassist.console.model.CannedReplies;
import io.webassist.console.model.PageActions;
import io.webassist.console.model.SessionModel;
import io.webassist.console.page.PageView;
import io.webassist.link.session.LinkState;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.SessionEvent;
import io.webassist.protocol.frame.UserInfo;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.time.Instant;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTextField;

/**
 * One session's tab: header (who, phone copyable, IP, customer, link path and state), the page view
 * (which has the tab's one address bar, "Follow the user" switch and highlight tool), beside it what the
 * user does above the chat, and End / Transfer. User events go to the page view and the activity list; what the agent does
 * in the page view goes through {@link PageActions} to the session's co-browse model.
 */
final class SessionPanel extends JPanel {
  private final AgentDesk desk;
  private final SessionModel session;
  private final PageView page;
  private final PageActions actions;
  private final JLabel link = new JLabel();
  private final JLabel notice = new JLabel(" ");
  private final JLabel transferState = new JLabel(" ");
  private final JLabel presence = new JLabel();
  /** "Session ended: …", shown once the session ended; the tab stays for the transcript. */
  private final JLabel endedLine = new JLabel(" ");
  private final JPanel pageArea = new JPanel(new BorderLayout(4, 4));
  private final JButton transferButton = new JButton("Transfer…");
  private final JButton endButton = new JButton("End…");
  private final JButton closeButton = new JButton("Close tab");
  private final Runnable closeTab;
  private boolean relayExplained;
  private final DefaultListModel<String> activityLines = new DefaultListModel<>();
  private final JList<String> activity = new JList<>(activityLines);
  private final JScrollPane activityScroll = new JScrollPane();
  final ChatPanel chat;

  /** {@code closeTab}: closes this tab once the session ended (the Close button, Ctrl+W). */
  SessionPanel(AgentDesk desk, SessionModel session, PageView page, CannedReplies canned, Runnable closeTab) {
    super(new BorderLayout(6, 6));
    this.desk = desk;
    this.closeTab = closeTab;
    this.session = session;
    this.page = page;
    this.actions = new PageActions(session.cobrowse(), page);
    this.chat = new ChatPanel(desk, session, canned);
    setName("session-" + session.sessionId());
    setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
    JPanel top = new JPanel(new BorderLayout());
    endedLine.setName("sessionEnded");
    endedLine.setFont(endedLine.getFont().deriveFont(java.awt.Font.BOLD));
    endedLine.setVisible(false);
    top.add(endedLine, BorderLayout.NORTH);
    top.add(header(), BorderLayout.CENTER);
    add(top, BorderLayout.NORTH);
    JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, pageArea(), sideColumn());
    split.setResizeWeight(0.7); // a wider window widens the page most
    add(split, BorderLayout.CENTER);
    add(footer(), BorderLayout.SOUTH);
    // the tab's default focus is the chat input (not the first field, Phone): where the tabbed pane or the
    // window puts the focus when this tab is shown
    setFocusTraversalPolicyProvider(true);
    setFocusTraversalPolicy(new javax.swing.LayoutFocusTraversalPolicy() {
      @Override
      public java.awt.Component getDefaultComponent(java.awt.Container root) {
        return chat.input.isShowing() && chat.input.isEnabled() ? chat.input : super.getDefaultComponent(root);
      }
    });
    wireModel();
    page.setListener(actions);
    page.setFollowUser(true);
    page.load(session.pageUrl());
  }

  SessionModel session() {
    return session;
  }

  PageView page() {
    return page;
  }

  private JPanel header() {
    UserInfo user = session.user();
    JPanel header = new JPanel(new FlowLayout(FlowLayout.LEADING, 12, 2));
    JLabel name = named(new JLabel(orDash(user.name())), "userName");
    name.setFont(name.getFont().deriveFont(java.awt.Font.BOLD, name.getFont().getSize2D() + 2f));
    header.add(name);
    JTextField phone = new JTextField(orDash(user.phone()));
    phone.setName("userPhone");
    phone.setEditable(false);
    phone.setColumns(Math.max(8, phone.getText().length()));
    header.add(new JLabel("Phone"));
    header.add(phone);
    JButton copy = named(new JButton("Copy"), "copyPhone");
    copy.setToolTipText("Copy the phone number");
    copy.addActionListener(e -> copyPhone(user.phone()));
    header.add(copy);
    header.add(named(new JLabel("IP " + orDash(user.ip())), "userIp"));
    String badge = user.customerVerified() == null ? "" : user.customerVerified() ? " ✔ verified" : " ⚠ unverified";
    header.add(named(new JLabel("Customer " + orDash(user.customerId()) + badge), "userCustomer"));
    link.setName("linkState");
    header.add(link);
    presence.setName("userPresence");
    presence.setVisible(false); // until the server says the user's connection went away
    header.add(presence);
    if (session.handedOverBy() != null) {
      header.add(named(new JLabel("Handed over by " + session.handedOverBy().fromAgentId()
          + (session.handedOverBy().note() == null ? "" : ": “" + session.handedOverBy().note() + "”")),
          "handedOverBy"));
    }
    showLink();
    return header;
  }

  /** The page view (its own address bar, "Follow the user" and highlight tool) and the session's notices. */
  private JPanel pageArea() {
    JPanel area = pageArea;
    area.add(page.component(), BorderLayout.CENTER);
    notice.setName("sessionNotice");
    area.add(notice, BorderLayout.SOUTH);
    // small, so that the split gives the side column its width and the page the rest
    area.setPreferredSize(new Dimension(560, 400));
    area.setMinimumSize(new Dimension(320, 200));
    return area;
  }

  /** Beside the page: what the user does above the chat, so the page keeps most of the tab's width. */
  private JSplitPane sideColumn() {
    activity.setName("activity");
    activityScroll.setViewportView(activity);
    activityScroll.setBorder(BorderFactory.createTitledBorder("What the user does"));
    activityScroll.setPreferredSize(new Dimension(380, 160));
    JSplitPane column = new JSplitPane(JSplitPane.VERTICAL_SPLIT, activityScroll, chat);
    column.setResizeWeight(0.3);
    column.setPreferredSize(new Dimension(380, 400));
    return column;
  }

  private JPanel footer() {
    JPanel footer = new JPanel(new BorderLayout(8, 0));
    transferState.setName("transferState");
    footer.add(transferState, BorderLayout.CENTER);
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING, 6, 0));
    JButton transfer = named(transferButton, "transfer");
    transfer.setToolTipText("Hand this session to a colleague or a group (Ctrl+T)");
    transfer.addActionListener(e -> transfer());
    JButton end = named(endButton, "endSession");
    end.setToolTipText("End this session (Ctrl+E)");
    end.addActionListener(e -> end());
    JButton close = named(closeButton, "closeSessionTab");
    close.setToolTipText("Close this ended session's tab (Ctrl+W)");
    close.addActionListener(e -> closeTab.run());
    close.setVisible(false); // until the session ended
    buttons.add(transfer);
    buttons.add(end);
    buttons.add(close);
    footer.add(buttons, BorderLayout.EAST);
    return footer;
  }

  private void wireModel() {
    session.addListener(new SessionModel.Listener() {
      @Override
      public void linkChanged(SessionModel s) {
        showLink();
      }

      @Override
      public void userEvent(SessionModel s, SessionEvent event) {
        page.showUserEvent(event);
      }

      @Override
      public void notice(SessionModel s, Notice n) {
        notice.setText(n.message());
      }

      @Override
      public void noticeCleared(SessionModel s, Notice n) {
        if (n.message().equals(notice.getText())) {
          notice.setText(" ");
        }
      }

      @Override
      public void presenceChanged(SessionModel s) {
        presence.setText(s.userAway() ? "User away" + (s.awayGraceMs() == null ? ""
            : " (kept " + Math.max(1, s.awayGraceMs() / 1000) + " s)") : "User back");
        presence.setToolTipText(SessionModel.presenceText(s));
        presence.getAccessibleContext().setAccessibleDescription(SessionModel.presenceText(s));
        presence.setVisible(true);
        notice.setText(SessionModel.presenceText(s));
      }

      @Override
      public void transferChanged(SessionModel s) {
        transferState.setText(switch (s.transfer()) {
          case PENDING -> "Transfer asked; the session goes on until a colleague takes it.";
          case FAILED -> "Transfer failed (" + s.transferFailure() + "); the session goes on.";
          case NONE -> " ";
        });
      }
    });
    session.activity().addListener(this::activityChanged);
  }

  private void activityChanged(ActivityList list) {
    // the newest line stays in view, unless the agent scrolled up to read an older one
    javax.swing.JScrollBar bar = activityScroll.getVerticalScrollBar();
    boolean atEnd = bar.getValue() + bar.getVisibleAmount() >= bar.getMaximum();
    activityLines.clear();
    for (ActivityList.Entry entry : list.entries()) {
      activityLines.addElement(ChatPanel.TIME.format(Instant.ofEpochMilli(entry.at())) + "  "
          + ActivityText.describe(entry.event()));
    }
    if (atEnd && !activityLines.isEmpty()) {
      activity.ensureIndexIsVisible(activityLines.size() - 1);
    }
  }

  private void showLink() {
    String path = session.path() == null ? "" : session.path() == LinkPath.DIRECT ? "direct · " : "relay · ";
    link.setText("Link " + path + switch (session.linkState()) {
      case CONNECTING -> "linking …";
      case UP -> "live";
      case RECOVERING -> "recovering …";
      case LOST -> "lost";
      case ENDED -> "ended";
    });
    link.putClientProperty("linkState", session.linkState());
    if (session.linkState() == LinkState.UP) {
      String why = relayText();
      link.setToolTipText(session.path() == LinkPath.DIRECT ? "Linked straight to the user's IP address" : why);
      link.getAccessibleContext().setAccessibleDescription(link.getToolTipText());
      if (session.path() == LinkPath.RELAY && !relayExplained) {
        relayExplained = true; // said once in the notice line; the tooltip keeps it
        notice.setText(why);
      }
    }
  }

  /** Why the link is relayed, as far as the session knows. */
  private String relayText() {
    return session.relayReason() == null ? "Linked through the dispatch server's relay."
        : session.relayReason().describe();
  }

  /**
   * The session ended: the tab stays so the agent keeps the transcript for their notes. It says why at
   * the top, the chat is read-only, Transfer and End give way to Close, and the page view is disposed
   * (the page engine's memory freed) with a line naming the last shared page in its place.
   */
  void ended(EndReason reason) {
    if (!endedLine.isVisible()) {
      endedLine.setText("Session ended: " + whyEnded(session, reason)
          + ". The chat stays here to read; close the tab when you are done (Ctrl+W).");
      endedLine.setVisible(true);
      chat.ended();
      page.dispose();
      pageArea.remove(page.component());
      String last = session.cobrowse().page().url();
      JTextField lastPage = named(new JTextField(last == null ? "—" : last), "lastPage");
      lastPage.setEditable(false);
      JPanel closed = new JPanel(new BorderLayout(4, 4));
      closed.add(new JLabel("The page view closed with the session. The last shared page:"), BorderLayout.NORTH);
      closed.add(lastPage, BorderLayout.CENTER);
      JPanel top = new JPanel(new BorderLayout());
      top.add(closed, BorderLayout.NORTH);
      pageArea.add(top, BorderLayout.CENTER);
      link.setText("Link closed");
      link.setToolTipText(null);
      presence.setVisible(false);
      notice.setText(" "); // what it said was about the running session (co-browsing, presence …)
      transferState.setText(" ");
      transferButton.setVisible(false);
      endButton.setVisible(false);
      closeButton.setVisible(true);
      revalidate();
      repaint();
    }
  }

  boolean isEnded() {
    return endedLine.isVisible();
  }

  /** Closes this tab; only an ended session's tab closes (the window checks). */
  void closeTab() {
    closeTab.run();
  }

  /** Ctrl+Shift+F: the page view's "Follow the user" switch. */
  void toggleFollowUser() {
    page.setFollowUser(!page.followsUser());
  }

  /** Ctrl+Shift+H: the page view's highlight tool. */
  void toggleHighlightTool() {
    page.setHighlightTool(!page.highlightTool());
  }

  private void copyPhone(String phone) {
    if (phone != null) {
      Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(phone), null);
      notice.setText("Phone number copied");
    }
  }

  void end() {
    if (isEnded()) {
      return;
    }
    JComboBox<EndReason> reasons = new JComboBox<>(new EndReason[] {
        EndReason.RESOLVED, EndReason.CANCELLED, EndReason.OTHER});
    reasons.setName("endReason");
    reasons.setRenderer(new javax.swing.DefaultListCellRenderer() {
      @Override
      public java.awt.Component getListCellRendererComponent(JList<?> list, Object value, int index,
          boolean selected, boolean focus) {
        return super.getListCellRendererComponent(list, describe((EndReason) value), index, selected, focus);
      }
    });
    int choice = JOptionPane.showConfirmDialog(this, reasons, "End the session with " + session.title(),
        JOptionPane.OK_CANCEL_OPTION, JOptionPane.QUESTION_MESSAGE);
    if (choice == JOptionPane.OK_OPTION) {
      desk.end(session.sessionId(), (EndReason) reasons.getSelectedItem());
    }
  }

  /**
   * Why a session ended, saying who ended it: "you ended it (resolved)", "Ada ended it", "the user
   * left" — the agent's End… and the person's End both send "resolved", which alone cannot tell them apart.
   */
  static String whyEnded(SessionModel session, EndReason reason) {
    String why = describe(reason).toLowerCase(java.util.Locale.ROOT);
    if (session.endedByAgent()) {
      return "you ended it (" + why + ")";
    }
    boolean theirChoice = reason == EndReason.RESOLVED || reason == EndReason.CANCELLED || reason == EndReason.OTHER;
    return theirChoice ? session.title() + " ended it" : why;
  }

  static String describe(EndReason reason) {
    return switch (reason) {
      case RESOLVED -> "Resolved";
      case CANCELLED -> "Cancelled";
      case AGENT_LEFT -> "Your connection to the server dropped";
      case USER_LEFT -> "The user left";
      case LINK_LOST -> "The link to the user was lost";
      case TRANSFERRED -> "Handed over to a colleague";
      case OTHER -> "Other";
    };
  }

  void transfer() {
    if (isEnded()) {
      return;
    }
    TransferDialog.ask(this, desk, session);
  }

  private static <T extends javax.swing.JComponent> T named(T component, String name) {
    component.setName(name);
    return component;
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "—" : value;
  }
}
