package io.webassist.dispatch.agents;

import io.webassist.dispatch.clients.ClientLink;
import io.webassist.dispatch.config.AgentConfig;
import io.webassist.protocol.frame.Availability;
import java.util.List;

/**
 * One configured agent and its live state: the console connection it is logged in on (if any),
 * availability, how many of its session slots are taken, and since when it has been idle.
 *
 * <p>A slot is taken by each offer the agent holds and each session it runs. Every change of state
 * happens under the agent's own lock (a private object, never held while calling anything but its
 * groups' {@link OfferableAgents}), so two groups offering to the same agent at once can never push
 * it over {@code maxSessions}, and each change moves the agent in the offer order of every group it
 * serves before the lock is let go. Everything here is safe to read from any thread.
 */
public final class Agent {

  /** The agent's state as its groups' offer orders see it; immutable, compared by {@link OfferableAgents#ORDER}. */
  record Standing(Agent agent, int load, long idleSince, boolean offerable, int freeSlots, int allSlots) {}

  private final AgentConfig config;
  private final int order;
  private final Object lock = new Object();
  private List<OfferableAgents> groupOrders = List.of();
  private volatile ClientLink link;
  private volatile int load;
  private volatile Availability availability = Availability.AWAY;
  private volatile int maxSessions;
  private volatile long idleSince;
  private Standing standing; // guarded by lock

  Agent(AgentConfig config, int order) {
    this.config = config;
    this.order = order;
    this.maxSessions = config.maxSessions();
    this.standing = new Standing(this, 0, 0, false, 0, 0);
  }

  /** Set once by the registry, before any state change: the offer orders of the agent's groups. */
  void serves(List<OfferableAgents> orders) {
    this.groupOrders = List.copyOf(orders);
  }

  public String id() {
    return config.id();
  }

  public String displayName() {
    return config.displayName();
  }

  public List<String> groups() {
    return config.groups();
  }

  public String passwordHash() {
    return config.passwordHash();
  }

  /** Position in the configuration file; breaks ties between agents idle since the same instant. */
  public int order() {
    return order;
  }

  /** The console connection this agent is logged in on, or null. */
  public ClientLink link() {
    return link;
  }

  public boolean isLoggedIn() {
    return link != null;
  }

  public Availability availability() {
    return availability;
  }

  public int load() {
    return load;
  }

  public int maxSessions() {
    return maxSessions;
  }

  /** The agent's {@code maxSessions} as configured, whatever its console asked for since. */
  public int configuredMaxSessions() {
    return config.maxSessions();
  }

  public long idleSince() {
    return idleSince;
  }

  /** Logged in, available, and with a free slot: may be offered a request now. */
  public boolean canTakeOffer() {
    return link != null && availability == Availability.AVAILABLE && load < maxSessions;
  }

  /** Takes one slot if one is free (logged in or not: a transfer's target is checked by its caller). */
  public boolean tryReserve() {
    synchronized (lock) {
      if (load >= maxSessions) {
        return false;
      }
      load++;
      republish();
      return true;
    }
  }

  /** Takes one slot if the agent {@link #canTakeOffer() can take an offer} at this moment. */
  public boolean tryReserveOffer() {
    synchronized (lock) {
      if (!canTakeOffer()) {
        return false;
      }
      load++;
      republish();
      return true;
    }
  }

  /** Gives back a slot; an agent whose last slot is freed becomes idle from {@code now}. */
  public void release(long now) {
    synchronized (lock) {
      if (load <= 0) {
        throw new IllegalStateException(this + " released more slots than it reserved");
      }
      load--;
      if (load == 0) {
        idleSince = now;
      }
      republish();
    }
  }

  /** Logged in on {@code newLink}; returns false if another connection is logged in. */
  public boolean attach(ClientLink newLink, Availability initial, long now) {
    synchronized (lock) {
      if (link != null) {
        return false;
      }
      link = newLink;
      maxSessions = config.maxSessions();
      availability = initial;
      idleSince = now;
      republish();
      return true;
    }
  }

  /** Logs out {@code oldLink}; false if it was not (or no longer) this agent's connection. */
  public boolean detach(ClientLink oldLink) {
    synchronized (lock) {
      if (link != oldLink || oldLink == null) {
        return false;
      }
      link = null;
      availability = Availability.AWAY;
      republish();
      return true;
    }
  }

  /** Becomes available for offers; an agent without work is idle from {@code now}. */
  public void makeAvailable(long now) {
    synchronized (lock) {
      if (availability != Availability.AVAILABLE && load == 0) {
        idleSince = now;
      }
      availability = Availability.AVAILABLE;
      republish();
    }
  }

  public void makeAway() {
    synchronized (lock) {
      availability = Availability.AWAY;
      republish();
    }
  }

  /** Lowers (never raises beyond the configured value) the number of sessions at once. */
  public void limitSessions(int requested) {
    synchronized (lock) {
      maxSessions = Math.max(1, Math.min(requested, config.maxSessions()));
      republish();
    }
  }

  /** Under lock: moves the agent in its groups' offer orders and slot counts to its state now. */
  private void republish() {
    boolean counted = link != null && availability == Availability.AVAILABLE;
    int max = maxSessions;
    Standing now = new Standing(this, load, idleSince, counted && load < max,
        counted ? Math.max(0, max - load) : 0, counted ? max : 0);
    Standing before = standing;
    if (now.equals(before)) {
      return;
    }
    standing = now;
    for (OfferableAgents group : groupOrders) {
      group.moved(before, now);
    }
  }

  @Override
  public String toString() {
    return "agent " + id();
  }
}
