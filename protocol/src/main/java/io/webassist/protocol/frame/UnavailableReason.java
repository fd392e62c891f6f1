package io.webassist.protocol.frame;

/** Why a request cannot be served ({@code support.unavailable.reason}). */
public enum UnavailableReason {
  /** No configured agent serves the customer's group. */
  NO_AGENTS("no_agents"),
  /** The group's queue is full. */
  QUEUE_FULL("queue_full"),
  /** The answer to {@code support.cancel}. */
  CANCELLED("cancelled"),
  /**
   * The answer to {@code support.reclaim} when the grace period had passed: the session ended as
   * {@code user_left}; the client asks again.
   */
  RECLAIM_EXPIRED("reclaim_expired"),
  /** The answer to {@code support.reclaim} when the session was ended meanwhile (by the agent). */
  SESSION_ENDED("session_ended"),
  OTHER("other");

  private final String code;

  UnavailableReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static UnavailableReason of(String code) {
    return ReasonCodes.lookup(values(), code, OTHER, UnavailableReason::code);
  }
}
