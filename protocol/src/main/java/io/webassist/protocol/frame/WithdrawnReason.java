package io.webassist.protocol.frame;

/** Why an offer was taken back from an agent ({@code offer.withdrawn.reason}). */
public enum WithdrawnReason {
  /** Not answered within {@code expiresInMs}. */
  EXPIRED("expired"),
  /** The user cancelled the request. */
  CANCELLED("cancelled"),
  /** The user disconnected. */
  USER_LEFT("user_left"),
  /** The agent went away while holding it. */
  AWAY("away"),
  OTHER("other");

  private final String code;

  WithdrawnReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static WithdrawnReason of(String code) {
    return ReasonCodes.lookup(values(), code, OTHER, WithdrawnReason::code);
  }
}
