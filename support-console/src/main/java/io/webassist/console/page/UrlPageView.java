package io.webassist.console.page;

import io.webassist.protocol.frame.CobrowseConsent;
import io.webassist.protocol.frame.CobrowseNavigate;
import io.webassist.protocol.frame.CobrowseRefused;
import io.webassist.protocol.frame.CobrowseSnapshot;
import io.webassist.protocol.frame.SessionEvent;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.GridLayout;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JTextArea;
import javax.swing.JPanel;
import javax.swing.JTextField;

/**
 * The page view where JavaFX cannot run: the shared page's address (selectable, and typed addresses
 * still lead the user), the consent state, and a clear sentence saying why the page is not shown.
 * The user's pointer, clicks and scrolling are not drawn; the console's activity list still has them.
 */
final class UrlPageView implements PageView {

  private final JPanel root = new JPanel(new BorderLayout());
  private final JTextField address = new JTextField();
  private final JLabel consent = new JLabel("The user has not allowed co-browsing yet.");
  private final JLabel message = new JLabel(" ");
  private Listener listener;
  private String shownUrl;
  private boolean followUser = true; // nothing to scroll here; kept so the switch's state survives
  private boolean highlightTool;

  UrlPageView(String why) {
    address.setName("pageAddress");
    address.setToolTipText("The shared page. Type an address and press Enter to lead the user there.");
    address.getAccessibleContext().setAccessibleName("Page");
    address.addActionListener(e -> {
      String url = TypedAddress.toUrl(address.getText(), shownUrl);
      if (listener != null && url != null) {
        listener.navigated(url);
      }
    });
    consent.setName("consentBanner");
    message.setName("pageMessage");
    JTextArea reason = new WrappingNote(why);
    reason.setName("pageUnavailable");
    JPanel lines = new JPanel(new GridLayout(0, 1, 0, 4));
    lines.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
    lines.add(address);
    lines.add(consent);
    lines.add(message);
    lines.add(reason);
    root.add(lines, BorderLayout.NORTH);
    root.setName("pageView");
  }

  @Override
  public JComponent component() {
    return root;
  }

  @Override
  public void load(String url) {
    shownUrl = url;
    address.setText(url == null ? "" : url);
    address.setCaretPosition(0); // the start of the address (scheme, host) in view
    message.setText(" ");
  }

  @Override
  public void showUserEvent(SessionEvent event) {
    if (event instanceof CobrowseNavigate n) {
      load(n.url());
    } else if (event instanceof CobrowseSnapshot s) {
      if (s.url() != null) {
        load(s.url());
      }
      consentChanged(s.consent());
    } else if (event instanceof CobrowseConsent c) {
      consentChanged(c.allowed());
    } else if (event instanceof CobrowseRefused r) {
      message.setText("Not opened" + (r.url() == null ? "" : ": " + r.url()) + " — " + r.reason());
      address.setText(shownUrl == null ? "" : shownUrl);
      address.setCaretPosition(0); // the start of the address (scheme, host) in view
    }
  }

  private void consentChanged(boolean allowed) {
    consent.setText(allowed ? "Co-browsing: the user sees where you lead." : "The user does not allow co-browsing.");
  }

  @Override
  public void setFollowUser(boolean follow) {
    followUser = follow;
  }

  @Override
  public boolean followsUser() {
    return followUser;
  }

  @Override
  public void setHighlightTool(boolean on) {
    highlightTool = on;
  }

  @Override
  public boolean highlightTool() {
    return highlightTool;
  }

  @Override
  public void setListener(Listener listener) {
    this.listener = listener;
  }

  @Override
  public void dispose() {
    listener = null;
  }

  /**
   * A note that wraps to the width it is given and never asks for more than a narrow column: a long
   * reason (an exception's message) must not widen the page view and squeeze the chat beside it.
   */
  private static final class WrappingNote extends JTextArea {
    private static final int NARROW = 280;

    WrappingNote(String text) {
      super(text);
      setLineWrap(true);
      setWrapStyleWord(true);
      setEditable(false);
      setOpaque(false);
      setBorder(BorderFactory.createEmptyBorder());
    }

    @Override
    public Dimension getPreferredSize() {
      Dimension preferred = super.getPreferredSize();
      return new Dimension(Math.min(preferred.width, NARROW), preferred.height);
    }
  }
}
