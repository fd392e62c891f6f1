package io.webassist.console.window;

import java.awt.FlowLayout;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTabbedPane;

/**
 * A session tab's title: the tab's text (the pane's title, so unread marks and "(ended)" show) and,
 * once the session ended, a Close button on the tab itself. The label has no listeners, so a click on
 * it still reaches the tabbed pane and selects the tab.
 */
final class SessionTabTitle extends JPanel {
  private final JTabbedPane tabs;
  private final SessionPanel panel;
  private final JLabel title = new JLabel();
  private final JButton close = new JButton("✕");

  SessionTabTitle(JTabbedPane tabs, SessionPanel panel) {
    super(new FlowLayout(FlowLayout.LEADING, 4, 0));
    this.tabs = tabs;
    this.panel = panel;
    setOpaque(false);
    title.setName("tabTitle");
    add(title);
    close.setName("closeTab");
    close.setToolTipText("Close this ended session's tab (Ctrl+W)");
    close.getAccessibleContext().setAccessibleName("Close the tab of " + panel.session().title());
    close.setFocusable(false);
    close.setBorder(BorderFactory.createEmptyBorder(0, 4, 0, 4));
    close.setContentAreaFilled(false);
    close.addActionListener(e -> panel.closeTab());
    add(close);
    refresh();
  }

  /** Shows the pane's current title, and the Close button once the session ended. */
  void refresh() {
    int index = tabs.indexOfComponent(panel);
    title.setText(index < 0 ? "" : tabs.getTitleAt(index));
    close.setVisible(panel.isEnded());
    revalidate();
  }

  @Override
  public void updateUI() {
    super.updateUI();
    setOpaque(false); // a theme switch must not paint a box over the tab
  }
}
