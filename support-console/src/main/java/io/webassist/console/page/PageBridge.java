package io.webassist.console.page;

import io.webassist.cobrowse.PagePosition;
import io.webassist.protocol.frame.Require;

/**
 * The object {@code agent-page.js} calls when the agent acts in the page: its public methods are the
 * page's only way into the console. The page script keeps it in a closure (no global), but the page's
 * own scripts run in the same engine, so every argument is treated as untrusted: lengths are checked
 * and positions become {@link PagePosition}s before anything reaches the console.
 *
 * <p>Calls arrive on the JavaFX thread. The view keeps a strong reference to this object: the engine
 * holds Java objects given to a page only weakly.
 */
public final class PageBridge {

  /** Where checked page events go (the view, which hops to the EDT). */
  interface Sink {
    void navigate(String url);

    void scrolled(PagePosition at);

    void pointer(PagePosition at);

    void highlighted(String selector, PagePosition.Rect box);
  }

  private volatile Sink sink;

  PageBridge(Sink sink) {
    this.sink = sink;
  }

  /** After this the page's calls do nothing (the view was disposed). */
  void detach() {
    sink = null;
  }

  /** The agent followed a link or submitted a form to {@code url}. */
  public void navigate(String url) {
    Sink target = sink;
    if (target != null && url != null && !url.isBlank() && url.length() <= Require.URL) {
      target.navigate(url);
    }
  }

  /** The view scrolled to ({@code x}, {@code y}); {@code selector} is the element at the top, with its box. */
  public void scrolled(int x, int y, String selector, int boxX, int boxY, int boxWidth, int boxHeight) {
    Sink target = sink;
    if (target != null) {
      target.scrolled(position(x, y, selector, boxX, boxY, boxWidth, boxHeight));
    }
  }

  /** The agent's pointer is at ({@code x}, {@code y}) over {@code selector}, with its box (already throttled). */
  public void pointer(int x, int y, String selector, int boxX, int boxY, int boxWidth, int boxHeight) {
    Sink target = sink;
    if (target != null) {
      target.pointer(position(x, y, selector, boxX, boxY, boxWidth, boxHeight));
    }
  }

  /** The highlight tool picked the element {@code selector} whose box is given. */
  public void highlighted(String selector, int x, int y, int width, int height) {
    Sink target = sink;
    if (target != null && selector != null && !selector.isBlank() && selector.length() <= PagePosition.MAX_SELECTOR) {
      target.highlighted(selector, new PagePosition.Rect(x, y, width, height));
    }
  }

  private static PagePosition position(int x, int y, String selector, int boxX, int boxY, int boxWidth,
      int boxHeight) {
    PagePosition.Rect box = selector == null ? null : new PagePosition.Rect(boxX, boxY, boxWidth, boxHeight);
    return PagePosition.within(x, y, selector, box);
  }
}
