package io.webassist.protocol.frame;

/** The sender scrolled its page to ({@code x}, {@code y}) in page pixels. */
public record CobrowseScroll(long seq, long ts, int x, int y) implements SessionEvent {
  public CobrowseScroll(int x, int y) {
    this(0, 0, x, y);
  }

  @Override
  public CobrowseScroll stamped(long seq, long ts) {
    return new CobrowseScroll(seq, ts, x, y);
  }
}
