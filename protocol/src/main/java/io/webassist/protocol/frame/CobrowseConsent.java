package io.webassist.protocol.frame;

/** The user allows co-browsing, or stops it; the agent leads only while it is allowed. */
public record CobrowseConsent(long seq, long ts, boolean allowed) implements SessionEvent {
  public CobrowseConsent(boolean allowed) {
    this(0, 0, allowed);
  }

  @Override
  public CobrowseConsent stamped(long seq, long ts) {
    return new CobrowseConsent(seq, ts, allowed);
  }
}
