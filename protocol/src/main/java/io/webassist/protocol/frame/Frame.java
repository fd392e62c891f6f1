package io.webassist.protocol.frame;

/**
 * One line of the WebAssist wire protocol. Every frame is an immutable record; its wire name
 * (the {@code "type"} field) is kept in {@link FrameTypes}, the one place that maps names to types.
 */
public sealed interface Frame
    permits Hello, Welcome, ErrorFrame, Ping, Pong,
        AgentLogin, AgentReady, AgentStatus, SupportOffer, OfferAccept, OfferDecline, OfferWithdrawn,
        SessionStart, SessionLinkReport, QueueStatus, SessionTransfer, SessionTransferFailed, SessionUserPresence,
        SupportRequest, SupportQueued, SupportAssigned, SupportUnavailable, SupportCancel, SupportReclaim,
        PeerHello, PeerWelcome, SessionResume, RelayJoin, RelayJoined, RelayReady, RelayPartnerLeft,
        PageCommand, PageEvent, PageBridgeState, SessionEvent {

  /** The wire name of this frame, e.g. {@code "support.request"}. */
  default String type() {
    return FrameTypes.nameOf(getClass());
  }
}
