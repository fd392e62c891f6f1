package io.webassist.protocol.frame;

/**
 * A frame exchanged between the two peers of a session, over the direct link or the relay
 * (claims 90, 92–94, 98). Each carries {@code seq}, increasing per sender, and {@code ts}, the
 * sender's clock in epoch milliseconds, so a receiver can drop stale and duplicate events.
 */
public sealed interface SessionEvent extends Frame
    permits ChatMessage, ChatTyping, CobrowseConsent, CobrowseNavigate, CobrowseScroll, CobrowsePointer,
        CobrowseHighlight, CobrowseInput, CobrowseClick, CobrowseSnapshot, CobrowseRefused, SessionEnd {

  long seq();

  long ts();

  /** The same event with the given sequence number and time stamp, as a sender stamps it. */
  SessionEvent stamped(long seq, long ts);
}
