package io.webassist.protocol.frame;

/**
 * The agent points something out: an element by {@code selector}, or a rectangle in page pixels.
 * An empty selector with zero size clears the highlight.
 */
public record CobrowseHighlight(long seq, long ts, String selector, int x, int y, int width, int height)
    implements SessionEvent {
  public CobrowseHighlight {
    Require.optionalText(selector, "cobrowse.highlight", "selector", Require.SHORT_TEXT);
    if (width < 0 || height < 0) {
      throw new FrameValidationException("cobrowse.highlight", "width", "and 'height' must not be negative");
    }
  }

  public CobrowseHighlight(String selector, int x, int y, int width, int height) {
    this(0, 0, selector, x, y, width, height);
  }

  @Override
  public CobrowseHighlight stamped(long seq, long ts) {
    return new CobrowseHighlight(seq, ts, selector, x, y, width, height);
  }
}
