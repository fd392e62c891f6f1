package io.webassist.protocol.frame;

/** The sender's pointer is at ({@code x}, {@code y}) in page pixels. */
public record CobrowsePointer(long seq, long ts, int x, int y) implements SessionEvent {
  public CobrowsePointer(int x, int y) {
    this(0, 0, x, y);
  }

  @Override
  public CobrowsePointer stamped(long seq, long ts) {
    return new CobrowsePointer(seq, ts, x, y);
  }
}
