package io.webassist.cobrowse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The shared page as one end sees it: URL, scroll position, consent, the shared form values, the
 * agent's highlight, and the other side's pointer and last click. Views render it and listen for
 * changes; only {@link CobrowseSession} changes it. Not thread-safe: confine to one thread (the EDT).
 */
public final class PageState {
  /** What changed, so a view repaints only that. */
  public enum Change { URL, SCROLL, POINTER, HIGHLIGHT, CLICK, FIELD, CONSENT, SNAPSHOT }

  public interface Listener {
    void pageChanged(PageState page, Change change);
  }

  /** A point in page pixels. */
  public record Point(int x, int y) {}

  /** The agent's highlight: an element by selector, or a rectangle in page pixels. */
  public record Highlight(String selector, int x, int y, int width, int height) {}

  /**
   * A click of the other side, at a point, on an element when known ({@code target}, a CSS selector
   * path) at ({@code offsetX}, {@code offsetY}) inside it.
   */
  public record Click(int x, int y, String target, int offsetX, int offsetY) {
    public Click(int x, int y, String target) {
      this(x, y, target, 0, 0);
    }

    /** The click as a position: element and offset, pixels as the fallback. */
    public PagePosition position() {
      return new PagePosition(x, y, target, offsetX, offsetY);
    }
  }

  /**
   * The part of the page both ends must agree on — what the two-process test compares. Pointers
   * and clicks are the other side's, so they differ by design.
   */
  public record View(String url, int scrollX, int scrollY, boolean consent, Highlight highlight,
      Map<String, String> fields) {
    public View {
      fields = Collections.unmodifiableMap(new TreeMap<>(fields));
    }
  }

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private String url;
  private int scrollX;
  private int scrollY;
  private boolean consent;
  private PagePosition remotePointer;
  private PagePosition scrollAt = PagePosition.pixels(0, 0);
  private Highlight highlight;
  private Click remoteClick;
  private final Map<String, String> fields = new LinkedHashMap<>();

  PageState(String url) {
    this.url = url;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  public String url() {
    return url;
  }

  public int scrollX() {
    return scrollX;
  }

  public int scrollY() {
    return scrollY;
  }

  /** Whether the user currently allows co-browsing. */
  public boolean consent() {
    return consent;
  }

  /** The other side's pointer, or null. */
  public Point remotePointer() {
    return remotePointer == null ? null : new Point(remotePointer.x(), remotePointer.y());
  }

  /** The other side's pointer with the element it is on when known, or null. */
  public PagePosition remotePointerAt() {
    return remotePointer;
  }

  /** The scroll position with the element at the top of the view when known (the pixels are {@link #scrollX}/{@link #scrollY}). */
  public PagePosition scrollAt() {
    return scrollAt;
  }

  /** The current highlight, or null. */
  public Highlight highlight() {
    return highlight;
  }

  /** The other side's last click, or null. */
  public Click remoteClick() {
    return remoteClick;
  }

  /** Shared form values by field name; never a password or sensitive field. */
  public Map<String, String> fields() {
    return Collections.unmodifiableMap(fields);
  }

  public View view() {
    return new View(url, scrollX, scrollY, consent, highlight, fields);
  }

  // ---- changed only by CobrowseSession

  void url(String next) {
    url = next;
    fire(Change.URL);
  }

  void scroll(int x, int y) {
    scroll(PagePosition.pixels(x, y));
  }

  void scroll(PagePosition at) {
    scrollX = at.x();
    scrollY = at.y();
    scrollAt = at;
    fire(Change.SCROLL);
  }

  void consent(boolean allowed) {
    consent = allowed;
    if (!allowed) {
      remotePointer = null;
      highlight = null;
      remoteClick = null;
    }
    fire(Change.CONSENT);
  }

  void remotePointer(PagePosition at) {
    remotePointer = at;
    fire(Change.POINTER);
  }

  void highlight(Highlight next) {
    highlight = next;
    fire(Change.HIGHLIGHT);
  }

  void remoteClick(Click click) {
    remoteClick = click;
    fire(Change.CLICK);
  }

  void field(String name, String value) {
    fields.put(name, value);
    fire(Change.FIELD);
  }

  /** Replaces URL, scroll, consent and fields at once, as a received snapshot says. */
  void replace(String nextUrl, int x, int y, boolean allowed, Map<String, String> nextFields) {
    url = nextUrl;
    scrollX = x;
    scrollY = y;
    scrollAt = PagePosition.pixels(x, y);
    consent = allowed;
    if (!allowed) {
      remotePointer = null;
      highlight = null;
      remoteClick = null;
    }
    fields.clear();
    fields.putAll(nextFields);
    fire(Change.SNAPSHOT);
  }

  private void fire(Change change) {
    for (Listener listener : listeners) {
      listener.pageChanged(this, change);
    }
  }
}
