package io.webassist.console.model;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.console.page.PageView;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the agent does in a session's page view, turned into co-browse actions (claims 92, 93, 103,
 * 104): a followed link or typed address → {@code cobrowse.navigate} (the URL policy applies; a
 * refusal becomes a notice), scrolling → {@code cobrowse.scroll}, the pointer → {@code cobrowse.pointer},
 * the highlight tool → {@code cobrowse.highlight}. It also keeps what the address bar shows.
 * Runs on the desk's thread (the EDT), like the page view's listener calls.
 */
public final class PageActions implements PageView.Listener {

  /** The address bar: the page the view shows now, and its title. */
  public interface Listener {
    void pageShown(String url, String title);

    default void pageFailed(String url, String reason) {}
  }

  private final CobrowseSession cobrowse;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private String shownUrl;
  private String shownTitle;

  public PageActions(CobrowseSession cobrowse) {
    this.cobrowse = cobrowse;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public String shownUrl() {
    return shownUrl;
  }

  public String shownTitle() {
    return shownTitle;
  }

  @Override
  public void navigated(String url) {
    cobrowse.navigate(url);
  }

  @Override
  public void scrolled(int x, int y, String selector, int offsetX, int offsetY) {
    cobrowse.scroll(x, y, selector, offsetX, offsetY);
  }

  @Override
  public void pointerMoved(int x, int y, String selector, int offsetX, int offsetY) {
    cobrowse.pointer(x, y, selector, offsetX, offsetY);
  }

  @Override
  public void highlighted(String selector, int x, int y, int width, int height) {
    cobrowse.highlight(selector, x, y, width, height);
  }

  @Override
  public void loaded(String url, String title) {
    shownUrl = url;
    shownTitle = title;
    listeners.forEach(l -> l.pageShown(url, title));
  }

  @Override
  public void loadFailed(String url, String reason) {
    listeners.forEach(l -> l.pageFailed(url, reason));
  }
}
