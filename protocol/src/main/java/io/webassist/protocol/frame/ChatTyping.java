package io.webassist.protocol.frame;

/** The sender started or stopped typing a chat message. */
public record ChatTyping(long seq, long ts, boolean typing) implements SessionEvent {
  public ChatTyping(boolean typing) {
    this(0, 0, typing);
  }

  @Override
  public ChatTyping stamped(long seq, long ts) {
    return new ChatTyping(seq, ts, typing);
  }
}
