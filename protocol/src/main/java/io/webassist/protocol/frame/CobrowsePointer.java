package io.webassist.protocol.frame;

/**
 * The sender's pointer is at ({@code x}, {@code y}) in page pixels. The two sides lay the page out at
 * different widths, so the position also names the element under the pointer ({@code selector}, a
 * CSS selector path) and the offset inside it ({@code offsetX}, {@code offsetY}); a receiver that finds
 * the element uses those, the pixels only as a fallback.
 */
public record CobrowsePointer(long seq, long ts, int x, int y, String selector, int offsetX, int offsetY)
    implements SessionEvent {
  public CobrowsePointer {
    Require.optionalText(selector, "cobrowse.pointer", "selector", Require.SHORT_TEXT);
  }

  public CobrowsePointer(long seq, long ts, int x, int y) {
    this(seq, ts, x, y, null, 0, 0);
  }

  public CobrowsePointer(int x, int y) {
    this(0, 0, x, y, null, 0, 0);
  }

  @Override
  public CobrowsePointer stamped(long seq, long ts) {
    return new CobrowsePointer(seq, ts, x, y, selector, offsetX, offsetY);
  }
}
