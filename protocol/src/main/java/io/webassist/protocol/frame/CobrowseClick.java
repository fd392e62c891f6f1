package io.webassist.protocol.frame;

/** The sender clicked at ({@code x}, {@code y}), on the element {@code target} when known. */
public record CobrowseClick(long seq, long ts, int x, int y, String target) implements SessionEvent {
  public CobrowseClick {
    Require.optionalText(target, "cobrowse.click", "target", Require.SHORT_TEXT);
  }

  public CobrowseClick(int x, int y, String target) {
    this(0, 0, x, y, target);
  }

  @Override
  public CobrowseClick stamped(long seq, long ts) {
    return new CobrowseClick(seq, ts, x, y, target);
  }
}
