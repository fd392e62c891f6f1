package io.webassist.dispatch.broker;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.agents.AgentRegistry;
import java.util.List;

/**
 * Who gets an offer, across groups: among the agents of a group that can take it (logged in,
 * available, a free slot, not cooling down after passing on this request), the first by
 * {@link AgentRegistry#LONGEST_IDLE_FIRST}, in one pass without sorting. The slot is taken with
 * compare-and-set ({@link Agent#tryReserve}), so two lanes offering to one agent at the same time
 * can never push it over its {@code maxSessions}; the loser of such a race looks again. Stateless.
 */
final class AgentChoice {

  private AgentChoice() {}

  /** Reserves a slot of the agent {@code request} goes to, or returns null when nobody can take it. */
  static Agent reserveFor(HelpRequest request, List<Agent> group, long now, Agent excluded) {
    for (int attempt = 0; attempt < group.size(); attempt++) {
      Agent best = null;
      for (Agent agent : group) {
        if (agent != excluded && agent.canTakeOffer() && (request == null || !request.isPassedBy(agent.id(), now))
            && (best == null || AgentRegistry.LONGEST_IDLE_FIRST.compare(agent, best) < 0)) {
          best = agent;
        }
      }
      if (best == null) {
        return null;
      }
      if (best.tryReserve()) {
        return best;
      }
    }
    return null;
  }

  /** Whether anyone in {@code group} could be offered something now. */
  static boolean anyFree(List<Agent> group) {
    for (Agent agent : group) {
      if (agent.canTakeOffer()) {
        return true;
      }
    }
    return false;
  }
}
