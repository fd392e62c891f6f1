package io.webassist.console.model;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.console.page.PageView;
import io.webassist.protocol.frame.CobrowseRefused;
import io.webassist.protocol.frame.Require;
import java.util.Optional;

/**
 * What the agent does in a session's page view, turned into co-browse actions (claims 92, 93, 103,
 * 104): a followed link or typed address → {@code cobrowse.navigate} (the URL policy applies; a
 * refusal becomes a notice), scrolling → {@code cobrowse.scroll}, the pointer → {@code cobrowse.pointer},
 * the highlight tool → {@code cobrowse.highlight}. The page view shows what it loaded (or why not) in
 * its own address bar and message line.
 *
 * <p>The page view never loads a page by itself (see {@link PageView.Listener#navigated}): a
 * navigation the co-browse model accepts is loaded here with {@link PageView#load}; before the user
 * allows co-browsing, a URL the policy allows is loaded for the agent only (the user is not led); a
 * URL the policy forbids is never loaded, and the view shows the refusal ({@link CobrowseRefused}).
 * Runs on the desk's thread (the EDT), like the page view's listener calls.
 */
public final class PageActions implements PageView.Listener {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PageActions.class);

  private final CobrowseSession cobrowse;
  private final PageView view;
  /** When the session's tab opened (session.start); for the "first page shown" log line. */
  private final long openedNanos = System.nanoTime();
  private boolean firstPageShown;

  /** Acts on {@code cobrowse} for what the agent does in {@code view}, and loads into {@code view}. */
  public PageActions(CobrowseSession cobrowse, PageView view) {
    this.cobrowse = cobrowse;
    this.view = view;
  }

  @Override
  public void navigated(String url) {
    if (cobrowse.navigate(url)) {
      view.load(url);
      return;
    }
    Optional<String> refusal = cobrowse.policy().refusal(url);
    if (refusal.isEmpty() && !cobrowse.page().consent()) {
      view.load(url); // the agent may look on their own; the user is not led until they allow co-browsing
    } else {
      view.showUserEvent(refused(url, refusal.orElse(CobrowseSession.NO_CONSENT)));
    }
  }

  /** The refusal as the view shows it, cut to what the record accepts (the agent may type anything). */
  private static CobrowseRefused refused(String url, String reason) {
    String shownUrl = url == null || url.length() > Require.URL ? null : url;
    String shownReason = reason.length() > Require.SHORT_TEXT ? reason.substring(0, Require.SHORT_TEXT) : reason;
    return new CobrowseRefused(0, 0, shownUrl, shownReason);
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
    // shown by the view itself; the user's page changes reach the activity list from the user's events.
    // Logged once per session: session.start to the first page rendered (docs/BENCHMARKS.md).
    if (!firstPageShown) {
      firstPageShown = true;
      LOG.info("first page shown ms={} url={}", (System.nanoTime() - openedNanos) / 1_000_000, url);
    }
  }

  @Override
  public void loadFailed(String url, String reason) {
    // shown by the view itself ("Could not open …")
  }
}
