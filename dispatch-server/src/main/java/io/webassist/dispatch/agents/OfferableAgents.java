package io.webassist.dispatch.agents;

import java.util.Comparator;
import java.util.Iterator;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One group's agents that may be offered a request now (logged in, available, a free slot), kept
 * in offer order — fewest slots taken, then longest idle, then configuration order
 * ({@link AgentRegistry#LONGEST_IDLE_FIRST}) — and the group's slot counts for the wait estimate.
 * An agent moves itself in the orders of all its groups whenever its state changes
 * ({@link Agent}), so choosing whom to offer a request costs O(log n) instead of a pass over the
 * group, and the slot counts cost O(1). Safe to read from any thread; the order is a snapshot of
 * each agent's state when it last changed, and the choice confirms it with
 * {@link Agent#tryReserveOffer()}.
 */
public final class OfferableAgents {

  /** The offer order on the snapshots: unique per agent, as the configuration order breaks every tie. */
  static final Comparator<Agent.Standing> ORDER = OfferableAgents::compare;

  private final String group;
  private final NavigableSet<Agent.Standing> ready = new ConcurrentSkipListSet<>(ORDER);
  private final AtomicInteger freeSlots = new AtomicInteger();
  private final AtomicInteger allSlots = new AtomicInteger();

  OfferableAgents(String group) {
    this.group = group;
  }

  public String group() {
    return group;
  }

  /** The agents that may be offered a request, best first; weakly consistent, never throws on change. */
  public Iterator<Agent> inOfferOrder() {
    Iterator<Agent.Standing> it = ready.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Agent next() {
        return it.next().agent();
      }
    };
  }

  /** True when nobody in the group may be offered anything now. */
  public boolean isEmpty() {
    return ready.isEmpty();
  }

  /** How many agents may be offered a request now. */
  public int size() {
    return ready.size();
  }

  /** Free session slots of the group's logged-in, available agents. */
  public int freeSlots() {
    return freeSlots.get();
  }

  /** All session slots of the group's logged-in, available agents, free or not. */
  public int allSlots() {
    return allSlots.get();
  }

  /** Called by {@code agent} under its own lock when its state changed from {@code before} to {@code after}. */
  void moved(Agent.Standing before, Agent.Standing after) {
    if (before.offerable()) {
      ready.remove(before);
    }
    if (after.offerable()) {
      ready.add(after);
    }
    int free = after.freeSlots() - before.freeSlots();
    if (free != 0) {
      freeSlots.addAndGet(free);
    }
    int all = after.allSlots() - before.allSlots();
    if (all != 0) {
      allSlots.addAndGet(all);
    }
  }

  private static int compare(Agent.Standing a, Agent.Standing b) {
    int byLoad = Integer.compare(a.load(), b.load());
    if (byLoad != 0) {
      return byLoad;
    }
    int byIdle = Long.compare(a.idleSince(), b.idleSince());
    return byIdle != 0 ? byIdle : Integer.compare(a.agent().order(), b.agent().order());
  }
}
