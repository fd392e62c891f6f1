package io.webassist.dispatch.broker;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.agents.AgentRegistry;
import io.webassist.dispatch.clients.ClientLink;
import io.webassist.protocol.frame.GroupQueue;
import io.webassist.protocol.frame.QueueStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code queue.status} for logged-in agents: each agent hears, for every group it serves, how many
 * wait and the longest wait — once right after login, and after queues change, coalesced: lanes
 * only mark their group as changed; at most once per {@code intervalMs} one flush reads each
 * changed group's lane once and sends one frame to each logged-in agent of those groups whose
 * queue really is different from what they heard last: another number waiting, or another request
 * at the front (the console counts the front one's wait on by itself). A queue that changed and
 * came back — a request arrived and was taken between two flushes, the usual case when agents keep
 * up — costs no frame. So an agent gets at most one frame per interval whatever the rate of
 * assignments, and a flush costs one frame per agent of the groups whose queue moved (1,000 agents
 * at 500 ms: 2,000 small frames a second at most, none while the queues stay empty).
 */
final class QueueBoard {

  private final Lanes lanes;
  private final AgentRegistry agents;
  private final Scheduler scheduler;
  private final long intervalMs;
  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean flushDue = new AtomicBoolean();
  private volatile long flushedAt = Long.MIN_VALUE / 2;
  /** Per group, the queue its agents heard last: {waiting, since when the front one waits}; only the flush touches it. */
  private final Map<String, long[]> told = new ConcurrentHashMap<>();

  QueueBoard(Lanes lanes, AgentRegistry agents, Scheduler scheduler, long intervalMs) {
    this.lanes = lanes;
    this.agents = agents;
    this.scheduler = scheduler;
    this.intervalMs = intervalMs;
  }

  boolean enabled() {
    return intervalMs > 0;
  }

  /** A lane's queue changed: its agents hear about it with the next flush. Cheap; safe under a lane's lock. */
  void changed(String group) {
    if (intervalMs <= 0) {
      return;
    }
    changed.add(group);
    if (flushDue.compareAndSet(false, true)) {
      // capped: a wall clock set back must not hold the flush back for longer than the interval
      long wait = Math.max(0, Math.min(flushedAt + intervalMs - scheduler.now(), intervalMs));
      scheduler.schedule(this::flush, wait);
    }
  }

  /** Right after login: the agent's groups as they are now. */
  void sendTo(Agent agent, ClientLink link) {
    if (intervalMs <= 0) {
      return;
    }
    for (String group : agent.groups()) {
      told.remove(group); // first: a flush after this sees the group as moved, so the new agent never keeps an old view
    }
    link.send(statusFor(agent, new HashMap<>(), scheduler.now()));
  }

  private void flush() {
    long now = scheduler.now();
    flushedAt = now;
    flushDue.set(false);
    List<String> groups = new ArrayList<>(changed);
    changed.removeAll(groups);
    Map<String, GroupQueue> read = new HashMap<>();
    groups.removeIf(group -> !movedSinceTold(read(group, read, now), now));
    Map<List<String>, QueueStatus> frames = new HashMap<>(); // agents with the same groups share one frame
    Set<Agent> sent = Collections.newSetFromMap(new IdentityHashMap<>());
    for (String group : groups) {
      for (Agent agent : agents.inGroup(group)) {
        ClientLink link = agent.link();
        if (link != null && sent.add(agent)) {
          QueueStatus frame = frames.get(agent.groups());
          if (frame == null) {
            frame = statusFor(agent, read, now);
            frames.put(agent.groups(), frame);
          }
          link.send(frame);
        }
      }
    }
  }

  /** True (and remembered as told) if {@code status} differs from what the group's agents heard last. */
  private boolean movedSinceTold(GroupQueue status, long now) {
    long[] now2 = {status.waiting(), status.waiting() == 0 ? 0 : now - status.longestWaitMs()};
    long[] before = told.put(status.group(), now2);
    return before == null || before[0] != now2[0] || before[1] != now2[1];
  }

  private QueueStatus statusFor(Agent agent, Map<String, GroupQueue> read, long now) {
    List<GroupQueue> out = new ArrayList<>(agent.groups().size());
    for (String group : agent.groups()) {
      out.add(read(group, read, now));
    }
    return new QueueStatus(out);
  }

  /** The group's queue now, read from its lane once per flush. */
  private GroupQueue read(String group, Map<String, GroupQueue> read, long now) {
    GroupQueue status = read.get(group);
    if (status == null) {
      GroupLane lane = lanes.existing(group);
      status = lane == null ? new GroupQueue(group, 0, 0) : lane.status(now);
      read.put(group, status);
    }
    return status;
  }
}
