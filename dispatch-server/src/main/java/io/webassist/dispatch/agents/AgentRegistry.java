package io.webassist.dispatch.agents;

import io.webassist.dispatch.config.AgentConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agents the configuration names, looked up by id or by group. The set of agents is fixed at
 * start-up; their live state is in each {@link Agent}. Thread-safe (immutable maps of thread-safe agents).
 */
public final class AgentRegistry {

  /**
   * Who is offered a request first among agents that can take it: the fewest slots taken, then
   * the longest idle, then the order of the configuration file.
   */
  public static final Comparator<Agent> LONGEST_IDLE_FIRST = AgentRegistry::compareForOffer;

  private final Map<String, Agent> byId;
  private final Map<String, List<Agent>> byGroup;
  private final Map<String, OfferableAgents> offerable;

  public AgentRegistry(List<AgentConfig> configs) {
    Map<String, Agent> agents = new LinkedHashMap<>();
    Map<String, List<Agent>> groups = new LinkedHashMap<>();
    Map<String, OfferableAgents> orders = new LinkedHashMap<>();
    for (AgentConfig config : configs) {
      Agent agent = new Agent(config, agents.size());
      if (agents.putIfAbsent(config.id(), agent) != null) {
        throw new IllegalArgumentException("two agents with id " + config.id());
      }
      List<OfferableAgents> served = new ArrayList<>();
      for (String group : config.groups()) {
        groups.computeIfAbsent(group, g -> new ArrayList<>()).add(agent);
        served.add(orders.computeIfAbsent(group, OfferableAgents::new));
      }
      agent.serves(served);
    }
    groups.replaceAll((g, list) -> List.copyOf(list));
    this.byId = Map.copyOf(agents);
    this.byGroup = Map.copyOf(groups);
    this.offerable = Map.copyOf(orders);
  }

  // the same rule as OfferableAgents' order, on the agents' live state (tests and tools sort by it)
  private static int compareForOffer(Agent a, Agent b) {
    int byLoad = Integer.compare(a.load(), b.load());
    if (byLoad != 0) {
      return byLoad;
    }
    int byIdle = Long.compare(a.idleSince(), b.idleSince());
    return byIdle != 0 ? byIdle : Integer.compare(a.order(), b.order());
  }

  public Optional<Agent> find(String agentId) {
    return Optional.ofNullable(byId.get(agentId));
  }

  /** Every agent configured for {@code group}, logged in or not. */
  public List<Agent> inGroup(String group) {
    return byGroup.getOrDefault(group, List.of());
  }

  /** The agents of {@code group} that may be offered a request now, best first, and its slot counts; null if nobody serves it. */
  public OfferableAgents offerable(String group) {
    return offerable.get(group);
  }

  /** True if any configured agent serves {@code group}. */
  public boolean servesGroup(String group) {
    return byGroup.containsKey(group);
  }

  public Collection<Agent> all() {
    return byId.values();
  }

  public long loggedInCount() {
    return byId.values().stream().filter(Agent::isLoggedIn).count();
  }

  public long availableCount() {
    return byId.values().stream().filter(Agent::canTakeOffer).count();
  }
}
