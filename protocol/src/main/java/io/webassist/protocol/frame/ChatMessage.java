package io.webassist.protocol.frame;

/** A line of the on-line chat between user and agent (claims 98, 109). */
public record ChatMessage(long seq, long ts, String text) implements SessionEvent {
  public ChatMessage {
    Require.text(text, "chat.message", "text", Require.LONG_TEXT);
  }

  public ChatMessage(String text) {
    this(0, 0, text);
  }

  @Override
  public ChatMessage stamped(long seq, long ts) {
    return new ChatMessage(seq, ts, text);
  }
}
