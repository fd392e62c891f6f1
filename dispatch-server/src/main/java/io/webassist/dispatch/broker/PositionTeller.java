package io.webassist.dispatch.broker;

import io.webassist.dispatch.agents.OfferableAgents;
import io.webassist.dispatch.queue.RequestQueue;
import io.webassist.protocol.frame.SupportQueued;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The part of a group's lane that tells waiting users where they stand: {@code support.queued}
 * with the position and the estimated wait, coalesced. Belongs to one {@link GroupLane} and is
 * guarded by that lane's lock: every method but the timer's checks that the caller holds it, and
 * the timer takes it.
 *
 * <p>When the queue changes, each user whose position moved hears the new one at most once per
 * {@code positionUpdateMs}: the first change after a quiet spell goes out at once; later ones
 * within the interval are sent together when it ends, with the positions of that moment, so the
 * last position is always heard (unless the request is assigned or closed first). Under load this
 * is one pass over the queue per interval instead of one per assignment, and an assignment costs
 * O(1) here: it only marks the positions due.
 */
final class PositionTeller {

  private final String group;
  private final ReentrantLock laneLock;
  private final RequestQueue<HelpRequest> queue;
  private final Lanes shared;
  private final Scheduler scheduler;
  private final long intervalMs;
  private final WaitEstimate estimate = new WaitEstimate();
  private long toldAt = Long.MIN_VALUE / 2;
  private boolean due;

  PositionTeller(String group, ReentrantLock laneLock, RequestQueue<HelpRequest> queue, Lanes shared) {
    this.group = group;
    this.laneLock = laneLock;
    this.queue = queue;
    this.shared = shared;
    this.scheduler = shared.scheduler();
    this.intervalMs = shared.settings().positionUpdateMs();
  }

  /** The request just joined the queue (or came back to it) at {@code position}: it hears that now. */
  void tellNew(HelpRequest request, int position, String reason) {
    guarded();
    queue.told(request, position);
    request.client().link().send(new SupportQueued(request.id(), position, reason, estimateFor(position)));
  }

  /** The queue changed: positions that moved are told now or with the next coalesced send. */
  void queueChanged() {
    guarded();
    if (due) {
      return; // the scheduled send will see this change
    }
    // capped: a wall clock set back must not hold positions back for longer than the interval
    long wait = Math.min(toldAt + intervalMs - scheduler.now(), intervalMs);
    if (wait <= 0) {
      send();
      return;
    }
    due = true;
    scheduler.schedule(this::sendDue, wait);
  }

  /** A session of the group ended after {@code durationMs} (a transfer's end does not count). */
  void sessionEnded(long durationMs) {
    guarded();
    estimate.sessionEnded(durationMs);
  }

  /** An offer of the group was accepted {@code afterMs} after it was sent. */
  void offerAccepted(long afterMs) {
    guarded();
    estimate.offerAccepted(afterMs);
  }

  /** Timer thread. */
  private void sendDue() {
    laneLock.lock();
    try {
      due = false;
      send();
    } finally {
      laneLock.unlock();
    }
  }

  private void send() {
    toldAt = scheduler.now();
    queue.forEachMoved((request, position) -> request.client().link().send(
        new SupportQueued(request.id(), position, null, estimateFor(position))));
  }

  /** The wait of the request at {@code position}; offered requests are assumed to be at the front. O(1). */
  private Long estimateFor(int position) {
    OfferableAgents agents = shared.agents().offerable(group);
    if (agents == null) {
      return null;
    }
    return estimate.estimate(Math.max(0, position - 1 - queue.heldCount()), agents.freeSlots(), agents.allSlots());
  }

  private void guarded() {
    if (!laneLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("the positions of group " + group + " are told under its lane's lock");
    }
  }
}
