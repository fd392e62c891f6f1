package io.webassist.protocol.frame;

/** Why a transfer did not happen ({@code session.transfer_failed.reason}); the session goes on. */
public enum TransferFailedReason {
  /** The target declined the offer. */
  DECLINED("declined"),
  /** The target did not answer within the offer time. */
  EXPIRED("expired"),
  /** No such agent logged in (or the sender itself), or a group no agent serves. */
  UNKNOWN_TARGET("unknown_target"),
  /** The named agent has no free slot, or nobody in the group is free. */
  NO_AGENTS("no_agents"),
  /** The user's dispatch connection dropped (or the user left) before the target took over. */
  USER_LEFT("user_left"),
  /** The target's console left while the offer was open. */
  AGENT_LEFT("agent_left"),
  /** A transfer of this session is open already. */
  ALREADY_TRANSFERRING("already_transferring"),
  OTHER("other");

  private final String code;

  TransferFailedReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static TransferFailedReason of(String code) {
    return ReasonCodes.lookup(values(), code, OTHER, TransferFailedReason::code);
  }
}
