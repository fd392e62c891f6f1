package io.webassist.dispatch.broker;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.agents.AgentRegistry;
import io.webassist.dispatch.agents.OfferableAgents;
import java.util.Iterator;

/**
 * Who gets an offer, across groups: the first agent in the group's offer order
 * ({@link OfferableAgents}: logged in, available, a free slot; fewest slots taken, then longest
 * idle, then configuration order — {@link AgentRegistry#LONGEST_IDLE_FIRST}) that is not cooling
 * down after passing on this request. The order is kept up to date by the agents themselves, so a
 * choice reads the front of it: O(log n) plus one step per agent that passed on the request lately,
 * whatever the size of the group. The slot is taken under the agent's own lock
 * ({@link Agent#tryReserveOffer}), so two lanes offering to one agent at the same time can never
 * push it over its {@code maxSessions}; the loser of such a race looks again. Stateless.
 */
final class AgentChoice {

  /** Races lost in a row before giving up until the next dispatch (each loss means another lane made progress). */
  private static final int MAX_ATTEMPTS = 1_000;

  private AgentChoice() {}

  /** Reserves a slot of the agent {@code request} goes to, or returns null when nobody can take it. */
  static Agent reserveFor(HelpRequest request, OfferableAgents group, long now, Agent excluded) {
    if (group == null) {
      return null;
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Agent best = null;
      for (Iterator<Agent> it = group.inOfferOrder(); it.hasNext(); ) {
        Agent agent = it.next();
        if (agent != excluded && (request == null || !request.isPassedBy(agent.id(), now))) {
          best = agent;
          break;
        }
      }
      if (best == null) {
        return null;
      }
      if (best.tryReserveOffer()) {
        return best;
      }
    }
    return null;
  }

  /** Whether anyone in {@code group} could be offered something now. */
  static boolean anyFree(OfferableAgents group) {
    return group != null && !group.isEmpty();
  }
}
