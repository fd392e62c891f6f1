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
  /** The agent's console connection closed (or was taken over by a new login) while holding it. */
  AGENT_LEFT("agent_left"),
  /** The agent declined it (never sent: the agent knows; kept for the server's books). */
  DECLINED("declined"),
  /** A transfer offer whose session ended before anyone took it over. */
  SESSION_ENDED("session_ended"),
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
