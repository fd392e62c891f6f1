package io.webassist.console.window;

import io.webassist.console.model.ActivityText;
import io.webassist.console.page.PageView;
import io.webassist.protocol.frame.CobrowseNavigate;
import io.webassist.protocol.frame.CobrowseSnapshot;
import io.webassist.protocol.frame.SessionEvent;
import java.awt.BorderLayout;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingConstants;

/**
 * The fallback page view until the real one (a WebView) is plugged in: it shows the page's URL and
 * the user's last event as text, and renders nothing. It never calls its listener.
 */
public final class UrlOnlyPageView implements PageView {
  private final JPanel panel = new JPanel(new BorderLayout());
  private final JLabel url = new JLabel("", SwingConstants.CENTER);
  private final JLabel lastEvent = new JLabel(" ", SwingConstants.CENTER);

  public UrlOnlyPageView() {
    url.setName("pageUrl");
    lastEvent.setName("pageLastEvent");
    panel.setBorder(BorderFactory.createEmptyBorder(24, 24, 24, 24));
    JLabel note = new JLabel("This console shows the page's address only (no page engine).", SwingConstants.CENTER);
    note.setEnabled(false);
    panel.add(note, BorderLayout.NORTH);
    panel.add(url, BorderLayout.CENTER);
    panel.add(lastEvent, BorderLayout.SOUTH);
  }

  @Override
  public JComponent component() {
    return panel;
  }

  @Override
  public void load(String address) {
    url.setText(address == null ? "" : address);
  }

  @Override
  public void showUserEvent(SessionEvent event) {
    if (event instanceof CobrowseNavigate navigate) {
      load(navigate.url());
    } else if (event instanceof CobrowseSnapshot snapshot && snapshot.url() != null) {
      load(snapshot.url());
    }
    lastEvent.setText("User " + ActivityText.describe(event));
  }

  @Override
  public void setFollowUser(boolean follow) {}

  @Override
  public void setHighlightTool(boolean on) {}

  @Override
  public void setListener(Listener listener) {}

  @Override
  public void dispose() {}
}
