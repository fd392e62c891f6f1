package io.webassist.protocol.frame;

/** An offer the agent may no longer accept: it expired, the user cancelled or left. */
public record OfferWithdrawn(String requestId, String reason) implements Frame {
  public OfferWithdrawn {
    Require.nonBlank(requestId, "offer.withdrawn", "requestId", Require.SHORT_TEXT);
    Require.optionalText(reason, "offer.withdrawn", "reason", Require.SHORT_TEXT);
  }
}
