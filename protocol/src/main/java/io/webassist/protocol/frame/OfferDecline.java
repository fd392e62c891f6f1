package io.webassist.protocol.frame;

/** The agent passes the offered request on to the next agent. */
public record OfferDecline(String requestId) implements Frame {
  public OfferDecline {
    Require.nonBlank(requestId, "offer.decline", "requestId", Require.SHORT_TEXT);
  }
}
