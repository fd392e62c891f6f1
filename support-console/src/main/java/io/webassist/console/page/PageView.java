package io.webassist.console.page;

import io.webassist.protocol.frame.SessionEvent;
import javax.swing.JComponent;

/**
 * The agent's view of the user's page in one session tab (claims 88, 89, 99, 100, 112): it loads and
 * renders the real page, turns what the agent does in it into {@link Listener} calls, and draws what the
 * user does. It owns the session tab's address bar (the shared URL; a typed address is reported as
 * {@link Listener#navigated}) and "Follow the user" switch. The console's logic talks only to this
 * interface, so it and its tests do not depend on JavaFX.
 * Every method is called on the EDT; listener calls arrive on the EDT.
 */
public interface PageView {

  /** The Swing component to put in the session tab. */
  JComponent component();

  /** Opens {@code url} (the session's page, or where the user or agent went). */
  void load(String url);

  /**
   * Draws one event of the user's: pointer (a labelled cursor), click (a ripple at the element),
   * scroll (moves there while following the user), input (the value in the matching field, masked values
   * as •••), navigate (loads the page), consent (a banner), snapshot (all of it).
   */
  void showUserEvent(SessionEvent event);

  /** Whether the view scrolls along with the user's scroll reports (its "Follow the user" switch). */
  void setFollowUser(boolean follow);

  boolean followsUser();

  /** While on, the agent's next click in the page picks an element to highlight instead of clicking it. */
  void setHighlightTool(boolean on);

  boolean highlightTool();

  void setListener(Listener listener);

  /** Frees the page engine; the view is not used again. */
  void dispose();

  /** What the agent does in the page; the console turns these into session events through CobrowseSession. */
  interface Listener {
    /** The agent followed a link or typed an address; the console applies the URL policy. */
    void navigated(String url);

    void scrolled(int x, int y, String selector, int offsetX, int offsetY);

    /** Already throttled by the view. */
    void pointerMoved(int x, int y, String selector, int offsetX, int offsetY);

    /** The highlight tool picked an element: its CSS selector and its rectangle in page pixels. */
    void highlighted(String selector, int x, int y, int width, int height);

    /** A page finished loading: its URL and title (for the address bar and the activity list). */
    void loaded(String url, String title);

    /** A page failed to load. */
    void loadFailed(String url, String reason);
  }
}
