package io.webassist.client;

import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.UnavailableReason;

/**
 * The reason codes in plain words for the person asking for help, in one place for the window and
 * the text client: a new code gets its sentence here, and no view ever compares sentences.
 */
public final class Wording {

  private Wording() {}

  /** Why nobody can take the request. */
  public static String unavailable(UnavailableReason reason) {
    return switch (reason) {
      case NO_AGENTS -> "Nobody on the help desk can take requests for this site right now. Please try again later.";
      case QUEUE_FULL -> "Everyone on the help desk is busy and the queue is full. Please try again in a few minutes.";
      case CANCELLED -> "You cancelled your request.";
      case RECLAIM_EXPIRED -> "Your connection to the help desk was away too long, so your session ended. Please ask again.";
      case SESSION_ENDED -> "Your session ended while your connection to the help desk was away.";
      case OTHER -> "The help desk cannot take your request right now. Please try again later.";
    };
  }

  /**
   * Why the session ended.
   *
   * @param byThePerson whether the person ended it here (End, or closing the window)
   */
  public static String ended(EndReason reason, boolean byThePerson) {
    if (byThePerson) {
      return "You ended the session.";
    }
    return switch (reason) {
      case RESOLVED -> "Your agent ended the session. We hope you got the help you needed.";
      case AGENT_LEFT -> "Your agent had to leave. You are back at the front of the queue.";
      case USER_LEFT -> "Your connection to the help desk dropped. Asking for help again.";
      case CANCELLED -> "The request was cancelled.";
      case LINK_LOST -> "The connection to your agent was lost and could not be restored.";
      case TRANSFERRED -> "You are being handed to another agent.";
      case OTHER -> "The session ended.";
    };
  }

  /**
   * The server's estimate of the wait as a sentence: "Less than a minute to wait." under a minute
   * (an idle agent is free: the estimate is seconds, and "about 1 min" would not be true), else
   * rounded up to whole minutes, "About 4 min to wait.", so the wait is not promised shorter than it is.
   */
  public static String estimatedWait(long millis) {
    if (millis < 60_000) {
      return "Less than a minute to wait.";
    }
    return "About " + (millis + 59_999) / 60_000 + " min to wait.";
  }
}
