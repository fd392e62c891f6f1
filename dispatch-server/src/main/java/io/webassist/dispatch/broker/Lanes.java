package io.webassist.dispatch.broker;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.agents.AgentRegistry;
import io.webassist.dispatch.metrics.Metrics;
import io.webassist.dispatch.sessions.Session;
import io.webassist.dispatch.sessions.SessionRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slim part of dispatch that spans groups: the lanes themselves, the index of open requests by
 * id, the per-address pending counts, the {@code queue.status} board, and re-dispatch — an agent
 * whose slot a lane freed may be offered something by its other groups. Holds no lock of its own
 * and is only called by a lane after it has let go of its lock, so no thread ever holds two lanes.
 */
final class Lanes {

  private static final Logger LOG = LoggerFactory.getLogger(Lanes.class);

  private final AgentRegistry agents;
  private final SessionRegistry sessions;
  private final Scheduler scheduler;
  private final Metrics metrics;
  private final BrokerSettings settings;
  private final PendingRequests pending;
  private final QueueBoard board;
  private final Map<String, GroupLane> lanes = new ConcurrentHashMap<>();
  private final Map<String, HelpRequest> requests = new ConcurrentHashMap<>();
  private final List<Consumer<Session>> endListeners = new CopyOnWriteArrayList<>();
  private volatile boolean stopping;

  Lanes(AgentRegistry agents, SessionRegistry sessions, Scheduler scheduler, Metrics metrics,
      BrokerSettings settings) {
    this.agents = agents;
    this.sessions = sessions;
    this.scheduler = scheduler;
    this.metrics = metrics;
    this.settings = settings;
    this.pending = new PendingRequests(settings.maxPendingRequestsPerIp());
    this.board = new QueueBoard(this, agents, scheduler, settings.queueStatusMs());
  }

  GroupLane lane(String group) {
    return lanes.computeIfAbsent(group, g -> new GroupLane(g, this));
  }

  Collection<GroupLane> all() {
    return lanes.values();
  }

  /** The lane if one exists already (a group nobody asked in has none). */
  GroupLane existing(String group) {
    return lanes.get(group);
  }

  HelpRequest request(String id) {
    return id == null ? null : requests.get(id);
  }

  void index(HelpRequest request) {
    requests.put(request.id(), request);
  }

  void forget(HelpRequest request) {
    requests.remove(request.id(), request);
  }

  AgentRegistry agents() {
    return agents;
  }

  SessionRegistry sessions() {
    return sessions;
  }

  Scheduler scheduler() {
    return scheduler;
  }

  Metrics metrics() {
    return metrics;
  }

  BrokerSettings settings() {
    return settings;
  }

  PendingRequests pending() {
    return pending;
  }

  QueueBoard board() {
    return board;
  }

  void onSessionEnded(Consumer<Session> listener) {
    endListeners.add(listener);
  }

  void stop() {
    stopping = true;
  }

  boolean stopping() {
    return stopping;
  }

  /**
   * After a lane let go of its lock: tells the listeners of the sessions it ended, and lets the
   * other groups of each agent whose slot it freed offer that agent something.
   */
  void afterLane(GroupLane from, List<Agent> freed, List<Session> ended) {
    for (Session session : ended) {
      for (Consumer<Session> listener : endListeners) {
        try {
          listener.accept(session);
        } catch (RuntimeException e) {
          LOG.warn("session end listener failed sessionId={}", session.id(), e);
        }
      }
    }
    for (Agent agent : freed) {
      redispatch(agent, from);
    }
  }

  /** An agent's slot was freed or it became available: each of its groups (but {@code except}) may offer it a request. */
  void redispatch(Agent agent, GroupLane except) {
    for (String group : agent.groups()) {
      GroupLane lane = lanes.get(group);
      if (lane != null && lane != except) {
        lane.dispatch();
      }
    }
  }
}
