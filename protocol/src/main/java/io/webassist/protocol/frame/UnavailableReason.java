package io.webassist.protocol.frame;

/** Why a request cannot be served ({@code support.unavailable.reason}). */
public enum UnavailableReason {
  /** No configured agent serves the customer's group. */
  NO_AGENTS("no_agents"),
  /** The group's queue is full. */
  QUEUE_FULL("queue_full"),
  /** The answer to {@code support.cancel}. */
  CANCELLED("cancelled"),
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
