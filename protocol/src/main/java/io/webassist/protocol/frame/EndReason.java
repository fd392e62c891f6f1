package io.webassist.protocol.frame;

/**
 * Why a session ended ({@code session.end.reason}). The wire carries {@link #code()}; a code this
 * build does not know reads as {@link #OTHER}, so a newer peer never breaks an older one.
 */
public enum EndReason {
  /** The agent or the user ended it normally (the agent's "resolved"). */
  RESOLVED("resolved"),
  /** The agent went away or lost its connection; the user's request goes back to the front of the queue. */
  AGENT_LEFT("agent_left"),
  /** The user closed the client or lost its dispatch connection for longer than the grace period. */
  USER_LEFT("user_left"),
  /** The user cancelled. */
  CANCELLED("cancelled"),
  /** The peer link could not be recovered. */
  LINK_LOST("link_lost"),
  /** The session was handed to another agent, whose session has started. */
  TRANSFERRED("transferred"),
  OTHER("other");

  private final String code;

  EndReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static EndReason of(String code) {
    return ReasonCodes.lookup(values(), code, OTHER, EndReason::code);
  }
}
