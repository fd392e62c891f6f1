package io.webassist.dispatch.broker;

/**
 * A group's recent handling times, for {@code support.queued.estimatedWaitMs}: moving averages
 * (exponentially weighted, the last ~10 count most) of how long sessions last and how long an
 * agent takes to accept an offer. The estimate for a place in the queue: a request that a free
 * slot will take waits about one acceptance; one further back waits for a slot to free up, one
 * session length per round of the group's available slots. Requests ahead that are offered
 * already hold slots of their own and are not counted. Unknown (null) without history or without
 * an available agent. Guarded by its lane's lock.
 */
final class WaitEstimate {

  private static final double WEIGHT = 0.2;

  private double sessionMs = Double.NaN;
  private double acceptMs = Double.NaN;

  void sessionEnded(long durationMs) {
    sessionMs = blend(sessionMs, durationMs);
  }

  void offerAccepted(long afterMs) {
    acceptMs = blend(acceptMs, afterMs);
  }

  /**
   * @param waitingAhead requests ahead in the queue that are not offered yet
   * @param freeSlots free slots of the group's available agents now
   * @param slots all slots of the group's available agents
   */
  Long estimate(int waitingAhead, int freeSlots, int slots) {
    if (slots <= 0 || (Double.isNaN(sessionMs) && Double.isNaN(acceptMs))) {
      return null;
    }
    double accept = Double.isNaN(acceptMs) ? 0 : acceptMs;
    if (waitingAhead < freeSlots) {
      return Math.round(accept);
    }
    if (Double.isNaN(sessionMs)) {
      return null;
    }
    long rounds = (waitingAhead - freeSlots) / slots + 1;
    return Math.round(rounds * sessionMs + accept);
  }

  private static double blend(double average, long sample) {
    double value = Math.max(0, sample);
    return Double.isNaN(average) ? value : average + WEIGHT * (value - average);
  }
}
