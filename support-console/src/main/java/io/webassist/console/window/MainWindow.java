package io.webassist.console.window;

import io.webassist.console.AgentDesk;
import io.webassist.console.model.CannedReplies;
import io.webassist.console.model.DeskModel;
import io.webassist.console.model.DeskStatus;
import io.webassist.console.model.Offer;
import io.webassist.console.model.OfferGone;
import io.webassist.console.model.OfferList;
import io.webassist.console.model.SessionModel;
import io.webassist.console.model.SessionTabs;
import io.webassist.console.page.PageView;
import io.webassist.protocol.frame.EndReason;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Taskbar;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.KeyStroke;
import javax.swing.SwingConstants;
import javax.swing.Timer;
import javax.swing.WindowConstants;

/**
 * The agent's workstation: status (available/away, load, connection, a banner while reconnecting),
 * the live queue, offer cards, one tab per session. Renders the {@link DeskModel} and hands the agent's
 * choices to {@link AgentDesk}; everything here runs on the EDT.
 *
 * <p>Keyboard: Ctrl+Shift+A / Ctrl+Shift+D accept / decline the oldest offer; Ctrl+1…9 pick a session
 * tab (Ctrl+PgUp/PgDn step); Ctrl+L the chat input; Ctrl+E end; Ctrl+T transfer; Ctrl+W close an ended
 * session's tab; Ctrl+Shift+F follow the
 * user; Ctrl+Shift+H highlight tool; Ctrl+Shift+U available/away; Ctrl+Shift+T light/dark.
 */
public final class MainWindow {
  private static final String SERVER_SAID = "The server said: ";
  /**
   * Ended sessions' tabs kept at most (read-only, for the transcript); one more ending closes the oldest
   * ended tab. With the open sessions (at most the agent's maximum) this bounds the window's tabs.
   */
  static final int ENDED_TABS_KEPT = 3;
  private final AgentDesk desk;
  private final DeskModel model;
  private final Supplier<PageView> pageViews;
  private final Runnable onClose;
  private final JFrame frame = new JFrame();
  private final JLabel banner = new JLabel("Connection to the server lost — reconnecting …", SwingConstants.CENTER);
  private final JComboBox<String> availability = new JComboBox<>(new String[] {"Available", "Away"});
  private final JLabel load = new JLabel();
  private final JLabel connection = new JLabel();
  private final JLabel notice = new JLabel(" ");
  private final JCheckBox sound = new JCheckBox("Sound", true);
  private final JPanel offers = new JPanel();
  private final JTabbedPane tabs = new JTabbedPane();
  private final JLabel noSessions = new JLabel("No session yet. Accept an offer to start one.", SwingConstants.CENTER);
  private final Map<String, OfferCard> cards = new LinkedHashMap<>();
  /** Every session tab, open or ended, by session id. */
  private final Map<String, SessionPanel> panels = new LinkedHashMap<>();
  /** The ended sessions' tabs still shown, oldest ending first. */
  private final java.util.Deque<SessionPanel> endedTabs = new java.util.ArrayDeque<>();
  private final QueueTableModel queue;
  private final Timer ticker;

  public MainWindow(AgentDesk desk, Supplier<PageView> pageViews, Runnable onClose) {
    Edt.assertOnEdt();
    this.desk = desk;
    this.model = desk.model();
    this.pageViews = pageViews;
    this.onClose = onClose;
    this.queue = new QueueTableModel(model.queue());
    this.ticker = new Timer(1000, e -> tick());
    build();
    listen();
    bindKeys();
    statusChanged();
    for (Offer offer : model.offers().all()) {
      offerAdded(offer);
    }
    for (SessionModel session : model.sessions().all()) {
      sessionOpened(session);
    }
  }

  public JFrame frame() {
    return frame;
  }

  public void show() {
    frame.setSize(new Dimension(1280, 820));
    frame.setLocationRelativeTo(null);
    frame.setVisible(true);
    ticker.start();
  }

  // ---------------------------------------------------------------- layout

  private void build() {
    frame.setName("console");
    frame.setTitle("WebAssist console — " + model.status().displayName() + " @ " + model.status().server());
    frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    frame.addWindowListener(new WindowAdapter() {
      @Override
      public void windowClosed(WindowEvent e) {
        ticker.stop();
        panels.values().forEach(p -> {
          p.chat.dispose();
          p.page().dispose();
        });
        onClose.run();
      }
    });
    JPanel top = new JPanel(new BorderLayout());
    top.add(statusBar(), BorderLayout.NORTH);
    banner.setName("banner");
    banner.setOpaque(true);
    banner.setBackground(new Color(0xF2C94C));
    banner.setForeground(Color.BLACK);
    banner.setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
    banner.setVisible(false);
    top.add(banner, BorderLayout.SOUTH);
    frame.getContentPane().add(top, BorderLayout.NORTH);

    JTable queueTable = new JTable(queue);
    queueTable.setName("queue");
    queueTable.setFillsViewportHeight(true);
    JScrollPane queueScroll = new JScrollPane(queueTable);
    queueScroll.setBorder(BorderFactory.createTitledBorder("Queue"));
    queueScroll.setPreferredSize(new Dimension(300, 120));
    offers.setName("offers");
    offers.setLayout(new BoxLayout(offers, BoxLayout.Y_AXIS));
    JScrollPane offerScroll = new JScrollPane(offers);
    offerScroll.setBorder(BorderFactory.createTitledBorder("Offers"));
    JPanel left = new JPanel(new BorderLayout(4, 4));
    left.add(queueScroll, BorderLayout.NORTH);
    left.add(offerScroll, BorderLayout.CENTER);
    left.setPreferredSize(new Dimension(330, 600));

    tabs.setName("sessions");
    tabs.addChangeListener(e -> tabSelected());
    noSessions.setName("noSessions");
    JPanel center = new JPanel(new BorderLayout());
    center.add(noSessions, BorderLayout.CENTER);
    JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left, center);
    split.setName("mainSplit");
    frame.getContentPane().add(split, BorderLayout.CENTER);
    notice.setName("notice");
    notice.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
    frame.getContentPane().add(notice, BorderLayout.SOUTH);
  }

  private JPanel statusBar() {
    JPanel bar = new JPanel(new FlowLayout(FlowLayout.LEADING, 12, 4));
    JLabel who = new JLabel(model.status().displayName());
    who.setName("agentName");
    who.setFont(who.getFont().deriveFont(java.awt.Font.BOLD));
    bar.add(who);
    availability.setName("availability");
    availability.addActionListener(e -> desk.setAvailable(availability.getSelectedIndex() == 0));
    bar.add(availability);
    load.setName("load");
    bar.add(load);
    connection.setName("connection");
    bar.add(connection);
    sound.setName("sound");
    sound.setToolTipText("Beep when an offer arrives");
    bar.add(sound);
    JButton theme = new JButton("Light/Dark");
    theme.setName("theme");
    theme.setToolTipText("Switch the theme (Ctrl+Shift+T)");
    theme.addActionListener(e -> Theme.toggle());
    bar.add(theme);
    return bar;
  }

  // ---------------------------------------------------------------- models

  private void listen() {
    model.status().addListener((status, change) -> statusChanged(change));
    model.offers().addListener(new OfferList.Listener() {
      @Override
      public void offerAdded(Offer offer) {
        MainWindow.this.offerAdded(offer);
      }

      @Override
      public void offerRemoved(Offer offer, OfferGone gone) {
        MainWindow.this.offerRemoved(offer, gone);
      }
    });
    model.sessions().addListener(new SessionTabs.Listener() {
      @Override
      public void sessionOpened(SessionModel session) {
        MainWindow.this.sessionOpened(session);
      }

      @Override
      public void sessionClosed(SessionModel session, EndReason reason) {
        MainWindow.this.sessionClosed(session, reason);
      }
    });
  }

  private void statusChanged() {
    statusChanged(null);
  }

  /** The status bar and banner for what changed ({@code null}: everything, at the start). */
  private void statusChanged(DeskStatus.Change change) {
    DeskStatus status = model.status();
    connection.setText(switch (status.connection()) {
      case CONNECTING -> "Connecting …";
      case ONLINE -> "Connected to " + status.server();
      case RECONNECTING -> "Reconnecting …";
      case CLOSED -> "Disconnected";
    });
    banner.setVisible(status.connection() == DeskStatus.Connection.RECONNECTING);
    if (status.connection() == DeskStatus.Connection.CLOSED) {
      banner.setText("Disconnected from the server. Close the window and log in again.");
      banner.setVisible(true);
    }
    int wanted = status.availability() == io.webassist.protocol.frame.Availability.AWAY ? 1 : 0;
    if (availability.getSelectedIndex() != wanted) {
      availability.setSelectedIndex(wanted);
    }
    if (status.problem() != null && (change == DeskStatus.Change.PROBLEM || change == null)) {
      notice.setText(SERVER_SAID + status.problem().message());
    } else if (status.problem() == null && notice.getText().startsWith(SERVER_SAID)) {
      notice.setText(" "); // the problem no longer applies (logged in again)
    }
    showLoad();
  }

  private void showLoad() {
    load.setText("Sessions " + model.sessions().load() + " of " + model.sessions().maxSessions());
  }

  private void offerAdded(Offer offer) {
    long now = model.clock().millis();
    OfferCard card = new OfferCard(offer, now, () -> desk.accept(offer.requestId()),
        () -> desk.decline(offer.requestId()));
    card.setAlignmentX(Component.LEFT_ALIGNMENT);
    card.setMaximumSize(new Dimension(Integer.MAX_VALUE, card.getPreferredSize().height));
    cards.put(offer.requestId(), card);
    offers.add(card);
    offers.add(Box.createVerticalStrut(6));
    offers.revalidate();
    offers.repaint();
    notice.setText("New offer: " + (offer.user().name() == null ? "a user" : offer.user().name()));
    askForAttention();
  }

  /** The window asks for attention where the platform can (taskbar flash), and beeps if wanted. */
  private void askForAttention() {
    if (Taskbar.isTaskbarSupported() && Taskbar.getTaskbar().isSupported(Taskbar.Feature.USER_ATTENTION_WINDOW)) {
      Taskbar.getTaskbar().requestWindowUserAttention(frame);
    }
    if (!frame.isFocused()) {
      frame.toFront();
    }
    if (sound.isSelected()) {
      Toolkit.getDefaultToolkit().beep();
    }
  }

  private void offerRemoved(Offer offer, OfferGone gone) {
    OfferCard card = cards.remove(offer.requestId());
    if (card == null) {
      return;
    }
    int index = indexOf(card);
    offers.remove(card);
    if (index >= 0 && index < offers.getComponentCount()) {
      offers.remove(index); // its spacer
    }
    offers.revalidate();
    offers.repaint();
    if (gone.kind() != OfferGone.Kind.ACCEPTED) {
      notice.setText("Offer from " + (offer.user().name() == null ? "a user" : offer.user().name()) + " gone: "
          + gone.describe());
    }
  }

  private int indexOf(Component child) {
    for (int i = 0; i < offers.getComponentCount(); i++) {
      if (offers.getComponent(i) == child) {
        return i;
      }
    }
    return -1;
  }

  private void sessionOpened(SessionModel session) {
    SessionPanel stale = panels.get(session.sessionId());
    if (stale != null) {
      closeTab(stale); // the same session back (handed back to this agent): its ended tab gives way
    }
    PageView page = pageViews.get();
    CannedReplies canned = new CannedReplies(model.status().cannedReplies());
    SessionPanel[] self = new SessionPanel[1];
    SessionPanel panel = new SessionPanel(desk, session, page, canned, () -> closeTab(self[0]));
    self[0] = panel;
    panels.put(session.sessionId(), panel);
    if (tabs.getTabCount() == 0) {
      JComponent center = (JComponent) ((JSplitPane) frame.getContentPane().getComponent(1)).getRightComponent();
      center.remove(noSessions);
      center.add(tabs, BorderLayout.CENTER);
      center.revalidate();
    }
    tabs.addTab(session.title(), panel);
    tabs.setTabComponentAt(tabs.indexOfComponent(panel), new SessionTabTitle(tabs, panel));
    tabs.setSelectedComponent(panel);
    session.addListener(new SessionModel.Listener() {
      @Override
      public void unreadChanged(SessionModel s) {
        showTabTitle(s);
      }
    });
    showLoad();
    notice.setText("Session with " + session.title() + " started");
    // the keyboard goes to the new chat: now, and again once the focus moves caused by removing the offer
    // card (its Accept button had the focus) and by switching tabs have been processed
    panel.chat.input.requestFocusInWindow();
    Edt.later(() -> {
      if (tabs.getSelectedComponent() == panel) {
        panel.chat.input.requestFocusInWindow();
      }
    });
  }

  private void showTabTitle(SessionModel session) {
    SessionPanel panel = panels.get(session.sessionId());
    int index = panel == null ? -1 : tabs.indexOfComponent(panel);
    if (index >= 0) {
      String title = session.unread() > 0 ? "● " + session.title() + " (" + session.unread() + ")" : session.title();
      tabs.setTitleAt(index, panel.isEnded() ? title + " (ended)" : title);
      if (tabs.getTabComponentAt(index) instanceof SessionTabTitle shown) {
        shown.refresh();
      }
    }
  }

  /**
   * The session ended: its tab stays, read-only, so the agent keeps the transcript (closed by the
   * agent, or as the oldest when more than {@link #ENDED_TABS_KEPT} ended tabs would be shown). It no
   * longer counts in the load.
   */
  private void sessionClosed(SessionModel session, EndReason reason) {
    SessionPanel panel = panels.get(session.sessionId());
    if (panel != null && !panel.isEnded()) {
      panel.ended(reason);
      endedTabs.addLast(panel);
      showTabTitle(session);
      while (endedTabs.size() > ENDED_TABS_KEPT) {
        closeTab(endedTabs.peekFirst());
      }
    }
    showLoad();
    notice.setText(reason == EndReason.TRANSFERRED
        ? "Session with " + session.title() + " handed over to a colleague"
        : "Session with " + session.title() + " ended: " + SessionPanel.whyEnded(session, reason));
  }

  /** Closes an ended session's tab (its Close button, Ctrl+W, or the oldest beyond the limit). */
  private void closeTab(SessionPanel panel) {
    if (!panel.isEnded()) {
      return; // a running session's tab closes only by ending or handing over the session
    }
    endedTabs.remove(panel);
    panels.remove(panel.session().sessionId(), panel);
    tabs.remove(panel);
    panel.chat.dispose();
    if (tabs.getTabCount() == 0) {
      JComponent center = (JComponent) ((JSplitPane) frame.getContentPane().getComponent(1)).getRightComponent();
      center.remove(tabs);
      center.add(noSessions, BorderLayout.CENTER);
      center.revalidate();
      center.repaint();
    }
  }

  private void tabSelected() {
    Component selected = tabs.getSelectedComponent();
    for (SessionPanel panel : panels.values()) {
      panel.session().inView(panel == selected);
    }
  }

  private void tick() {
    long now = model.clock().millis();
    cards.values().forEach(card -> card.tick(now));
    queue.refresh(now);
  }

  // ---------------------------------------------------------------- keyboard

  private void bindKeys() {
    key("ctrl shift A", "acceptOldest", () -> oldestOffer(true));
    key("ctrl shift D", "declineOldest", () -> oldestOffer(false));
    key("ctrl L", "focusChat", () -> current(p -> p.chat.input.requestFocusInWindow()));
    key("ctrl E", "endSession", () -> current(SessionPanel::end));
    key("ctrl T", "transferSession", () -> current(SessionPanel::transfer));
    key("ctrl W", "closeTab", () -> current(p -> {
      if (p.isEnded()) {
        closeTab(p);
      } else {
        notice.setText("The session with " + p.session().title() + " is still running: end it first (Ctrl+E)");
      }
    }));
    key("ctrl shift F", "followUser", () -> current(SessionPanel::toggleFollowUser));
    key("ctrl shift H", "highlightTool", () -> current(SessionPanel::toggleHighlightTool));
    key("ctrl shift U", "toggleAway", () -> availability.setSelectedIndex(1 - availability.getSelectedIndex()));
    key("ctrl shift T", "toggleTheme", Theme::toggle);
    for (int i = 1; i <= 9; i++) {
      int index = i - 1;
      key("ctrl " + i, "tab" + i, () -> {
        if (index < tabs.getTabCount()) {
          tabs.setSelectedIndex(index);
        }
      });
    }
  }

  private void key(String stroke, String name, Runnable action) {
    JComponent root = frame.getRootPane();
    root.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(stroke), name);
    root.getActionMap().put(name, new AbstractAction() {
      @Override
      public void actionPerformed(ActionEvent e) {
        action.run();
      }
    });
  }

  private void oldestOffer(boolean accept) {
    if (cards.isEmpty()) {
      return;
    }
    String requestId = cards.keySet().iterator().next();
    if (accept) {
      desk.accept(requestId);
    } else {
      desk.decline(requestId);
    }
  }

  private void current(java.util.function.Consumer<SessionPanel> action) {
    if (tabs.getSelectedComponent() instanceof SessionPanel panel) {
      action.accept(panel);
    }
  }
}
