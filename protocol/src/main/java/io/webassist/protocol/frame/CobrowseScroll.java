package io.webassist.protocol.frame;

/**
 * The sender scrolled its page to ({@code x}, {@code y}) in page pixels. Layouts differ between the
 * two sides, so it also names the element at the top of the view ({@code selector}) and how far into
 * it the view starts ({@code offsetX}, {@code offsetY}); pixels are the fallback.
 */
public record CobrowseScroll(long seq, long ts, int x, int y, String selector, int offsetX, int offsetY)
    implements SessionEvent {
  public CobrowseScroll {
    Require.optionalText(selector, "cobrowse.scroll", "selector", Require.SHORT_TEXT);
  }

  public CobrowseScroll(long seq, long ts, int x, int y) {
    this(seq, ts, x, y, null, 0, 0);
  }

  public CobrowseScroll(int x, int y) {
    this(0, 0, x, y, null, 0, 0);
  }

  @Override
  public CobrowseScroll stamped(long seq, long ts) {
    return new CobrowseScroll(seq, ts, x, y, selector, offsetX, offsetY);
  }
}
