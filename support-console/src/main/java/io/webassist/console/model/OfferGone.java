package io.webassist.console.model;

import io.webassist.protocol.frame.WithdrawnReason;

/**
 * Why an offer left the agent's list: taken by this agent (accepted, declined), withdrawn by the server
 * with a {@link WithdrawnReason}, or let go when the connection to the server was lost.
 */
public record OfferGone(Kind kind, WithdrawnReason withdrawn) {
  public enum Kind { ACCEPTED, DECLINED, WITHDRAWN, CONNECTION_LOST }

  public static final OfferGone ACCEPTED = new OfferGone(Kind.ACCEPTED, null);
  public static final OfferGone DECLINED = new OfferGone(Kind.DECLINED, null);
  public static final OfferGone CONNECTION_LOST = new OfferGone(Kind.CONNECTION_LOST, null);

  public static OfferGone withdrawn(WithdrawnReason reason) {
    return new OfferGone(Kind.WITHDRAWN, reason == null ? WithdrawnReason.OTHER : reason);
  }

  /** A short reason for the person: "expired", "the user cancelled" … */
  public String describe() {
    return switch (kind) {
      case ACCEPTED -> "accepted";
      case DECLINED -> "declined";
      case CONNECTION_LOST -> "connection to the server lost";
      case WITHDRAWN -> switch (withdrawn) {
        case EXPIRED -> "expired";
        case CANCELLED -> "the user cancelled";
        case USER_LEFT -> "the user left";
        case AWAY -> "taken back while you were away";
        case AGENT_LEFT -> "taken back: your connection to the server closed";
        case DECLINED -> "declined";
        case SESSION_ENDED -> "the session ended before the handover";
        case OTHER -> "withdrawn";
      };
    };
  }
}
