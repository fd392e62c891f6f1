package io.webassist.dispatch.agents;

import io.webassist.dispatch.clients.ClientLink;
import io.webassist.dispatch.config.AgentConfig;
import io.webassist.protocol.frame.Availability;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One configured agent and its live state: the console connection it is logged in on (if any),
 * availability, how many of its session slots are taken, and since when it has been idle.
 *
 * <p>A slot is taken by each offer the agent holds and each session it runs; {@link #tryReserve()}
 * takes one with compare-and-set, so two groups offering to the same agent at once can never push
 * it over {@code maxSessions}. Everything here is safe to read from any thread.
 */
public final class Agent {

  private final AgentConfig config;
  private final int order;
  private final AtomicReference<ClientLink> link = new AtomicReference<>();
  private final AtomicInteger load = new AtomicInteger();
  private volatile Availability availability = Availability.AWAY;
  private volatile int maxSessions;
  private volatile long idleSince;

  Agent(AgentConfig config, int order) {
    this.config = config;
    this.order = order;
    this.maxSessions = config.maxSessions();
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
    return link.get();
  }

  public boolean isLoggedIn() {
    return link.get() != null;
  }

  public Availability availability() {
    return availability;
  }

  public int load() {
    return load.get();
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
    return link.get() != null && availability == Availability.AVAILABLE && load.get() < maxSessions;
  }

  /** Takes one slot if one is free. */
  public boolean tryReserve() {
    while (true) {
      int current = load.get();
      if (current >= maxSessions) {
        return false;
      }
      if (load.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  /** Gives back a slot; an agent whose last slot is freed becomes idle from {@code now}. */
  public void release(long now) {
    int left = load.decrementAndGet();
    if (left < 0) {
      throw new IllegalStateException(this + " released more slots than it reserved");
    }
    if (left == 0) {
      idleSince = now;
    }
  }

  /** Logged in on {@code newLink}; returns false if another connection is logged in. */
  public boolean attach(ClientLink newLink, Availability initial, long now) {
    if (!link.compareAndSet(null, newLink)) {
      return false;
    }
    maxSessions = config.maxSessions();
    availability = initial;
    idleSince = now;
    return true;
  }

  /** Logs out {@code oldLink}; false if it was not (or no longer) this agent's connection. */
  public boolean detach(ClientLink oldLink) {
    if (!link.compareAndSet(oldLink, null)) {
      return false;
    }
    availability = Availability.AWAY;
    return true;
  }

  /** Becomes available for offers; an agent without work is idle from {@code now}. */
  public void makeAvailable(long now) {
    if (availability != Availability.AVAILABLE && load.get() == 0) {
      idleSince = now;
    }
    availability = Availability.AVAILABLE;
  }

  public void makeAway() {
    availability = Availability.AWAY;
  }

  /** Lowers (never raises beyond the configured value) the number of sessions at once. */
  public void limitSessions(int requested) {
    maxSessions = Math.max(1, Math.min(requested, config.maxSessions()));
  }

  @Override
  public String toString() {
    return "agent " + id();
  }
}
