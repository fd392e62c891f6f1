package io.webassist.protocol.frame;

/** The agent takes the offered request. */
public record OfferAccept(String requestId) implements Frame {
  public OfferAccept {
    Require.nonBlank(requestId, "offer.accept", "requestId", Require.SHORT_TEXT);
  }
}
