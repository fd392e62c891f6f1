package io.webassist.protocol.frame;

/**
 * The sender clicked at ({@code x}, {@code y}) in page pixels, on the element {@code target} (a CSS
 * selector path) when known, at ({@code offsetX}, {@code offsetY}) inside it.
 */
public record CobrowseClick(long seq, long ts, int x, int y, String target, int offsetX, int offsetY)
    implements SessionEvent {
  public CobrowseClick {
    Require.optionalText(target, "cobrowse.click", "target", Require.SHORT_TEXT);
  }

  public CobrowseClick(long seq, long ts, int x, int y, String target) {
    this(seq, ts, x, y, target, 0, 0);
  }

  public CobrowseClick(int x, int y, String target) {
    this(0, 0, x, y, target, 0, 0);
  }

  @Override
  public CobrowseClick stamped(long seq, long ts) {
    return new CobrowseClick(seq, ts, x, y, target, offsetX, offsetY);
  }
}
