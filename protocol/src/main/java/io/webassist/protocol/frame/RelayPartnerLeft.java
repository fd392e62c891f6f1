package io.webassist.protocol.frame;

/** The other side's relay connection closed; a rejoin with the same token is allowed while the session lives. */
public record RelayPartnerLeft(String sessionId) implements Frame {
  public RelayPartnerLeft {
    Require.nonBlank(sessionId, "relay.partner_left", "sessionId", Require.SHORT_TEXT);
  }
}
