package io.webassist.dispatch.broker;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.agents.OfferableAgents;
import io.webassist.dispatch.clients.ClientLink;
import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.queue.RequestQueue;
import io.webassist.dispatch.sessions.Session;
import io.webassist.dispatch.sessions.Tokens;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.GroupQueue;
import io.webassist.protocol.frame.SessionTransferFailed;
import io.webassist.protocol.frame.SessionUserPresence;
import io.webassist.protocol.frame.TransferFailedReason;
import io.webassist.protocol.frame.TransferInfo;
import io.webassist.protocol.frame.WithdrawnReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One support group's lane (claims 72–76, 80–84): its queue, its requests' offers and its running
 * sessions, and every operation on them — queue a request, offer it to the agent whose turn it is,
 * let the offer expire or be declined, accept it into a session, end the session, give back what an
 * agent held, tell waiting users their positions, keep a session for a user whose connection
 * dropped, hand a session to another agent. Each method called from outside takes the lane's own
 * lock for its whole change, so a request is accepted once, by one agent: accept, decline, expiry,
 * cancel and disconnects all check the request's current offer under that lock. Three parts of the
 * lane's state live in classes of their own, guarded by the same lock (they check it is held): the
 * open offers ({@link LaneOffers}), the running sessions ({@link LaneSessions}) and what waiting
 * users are told ({@link PositionTeller}).
 *
 * <p>No lane calls another while it holds its lock. Work that spans groups — re-dispatching an
 * agent whose slot was freed, telling the session-end listeners — is collected in an
 * {@link After} and done by {@link Lanes} after the lock is let go. Work under the lock is short:
 * no I/O but queueing frames on channels. A dispatch costs O(log n) in the queue length and in the
 * group's size per offer ({@link RequestQueue#nextWaiting}, {@link AgentChoice}): it does not walk
 * the queue, except past requests that every free agent passed on within the decline cool-down.
 */
final class GroupLane {

  private static final Logger LOG = LoggerFactory.getLogger(GroupLane.class);

  /** Outcome of {@link #reclaim}. */
  enum Reclaim { OK, NOT_THIS_SESSION, BAD_TOKEN }

  private final String group;
  private final Lanes shared;
  private final BrokerSettings settings;
  private final Scheduler scheduler;
  private final ReentrantLock lock = new ReentrantLock();
  // everything below is guarded by lock
  private final RequestQueue<HelpRequest> queue;
  private final LaneOffers offers;
  private final PositionTeller teller;
  private final LaneSessions sessions;

  /** What a lane operation leaves for after its lock is let go. */
  static final class After {
    final List<Agent> freed = new ArrayList<>(2);
    final List<Session> ended = new ArrayList<>(1);
  }

  GroupLane(String group, Lanes shared) {
    this.group = group;
    this.shared = shared;
    this.settings = shared.settings();
    this.scheduler = shared.scheduler();
    this.queue = new RequestQueue<>(settings.maxQueuedPerGroup());
    this.offers = new LaneOffers(group, lock, queue, shared);
    this.teller = new PositionTeller(group, lock, queue, shared);
    this.sessions = new LaneSessions(group, lock, shared, teller);
  }

  String group() {
    return group;
  }

  // ---------------------------------------------------------------- requests

  /** Queues {@code request} and offers what can be offered; false if the queue is full (nothing changed). */
  boolean enqueue(HelpRequest request) {
    lock.lock();
    try {
      if (!queue.addLast(request)) {
        return false;
      }
      request.queuedAtNanos(System.nanoTime());
      shared.index(request);
      request.client().requestIds().add(request.id());
      int position = queue.size();
      teller.tellNew(request, position, null);
      LOG.info("request queued requestId={} group={} position={}", request.id(), group, position);
      shared.board().changed(group);
      dispatchLocked();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Offers every waiting request, front first, to an agent that can take it. */
  void dispatch() {
    lock.lock();
    try {
      dispatchLocked();
    } finally {
      lock.unlock();
    }
  }

  private void dispatchLocked() {
    OfferableAgents agents = shared.agents().offerable(group);
    if (shared.stopping() || !AgentChoice.anyFree(agents)) {
      return; // nobody to offer anything to: the queue is not looked at
    }
    long now = scheduler.now();
    HelpRequest request = queue.nextWaiting(null);
    while (request != null) {
      Agent agent = AgentChoice.reserveFor(request, agents, now, null);
      if (agent == null) {
        if (!AgentChoice.anyFree(agents)) {
          return; // nobody to offer anything to: the rest of the queue is not looked at
        }
        // every free agent passed on this one lately (or is still cooling down): try the next
        request = queue.nextWaiting(request);
      } else if (offers.send(request, agent, now, this)) {
        request = queue.nextWaiting(request);
      }
    }
  }

  /** Timer thread. The offer ran out: the agent is told, the request goes to the next agent. */
  void expire(Offer offer) {
    After after = new After();
    lock.lock();
    try {
      HelpRequest request = offer.request();
      if (request.offer() != offer) {
        return; // accepted, declined or withdrawn in the meantime
      }
      withdraw(offer, WithdrawnReason.EXPIRED, true, after);
      shared.metrics().count("offers_expired");
      LOG.info("offer expired requestId={} agentId={}", request.id(), offer.agent().id());
      passed(offer, TransferFailedReason.EXPIRED);
    } finally {
      lock.unlock();
    }
    afterPass(after);
  }

  /** {@code offer.decline}: false if {@code request} is not offered on {@code link} (any more). */
  boolean decline(HelpRequest request, ClientLink link) {
    After after = new After();
    lock.lock();
    try {
      Offer offer = request.offer();
      if (offer == null || offer.agentLink() != link) {
        return false;
      }
      withdraw(offer, WithdrawnReason.DECLINED, false, after);
      shared.metrics().count("offers_declined");
      LOG.info("offer declined requestId={} agentId={}", request.id(), offer.agent().id());
      passed(offer, TransferFailedReason.DECLINED);
    } finally {
      lock.unlock();
    }
    afterPass(after);
    return true;
  }

  /** Under the lock, after a decline or expiry: a waiting request goes on; a transfer has failed. */
  private void passed(Offer offer, TransferFailedReason transferReason) {
    HelpRequest request = offer.request();
    if (offer.isTransfer()) {
      transferFailed(offer.fromSession(), transferReason);
      return;
    }
    request.passedBy(offer.agent().id(), scheduler.now() + settings.declineCooldownMs());
    dispatchLocked();
  }

  /** After a pass: the agent's other groups may use the slot, and the request is retried after the cooldown. */
  private void afterPass(After after) {
    shared.afterLane(this, after.freed, after.ended);
    if (settings.declineCooldownMs() > 0) {
      scheduler.schedule(this::dispatch, settings.declineCooldownMs());
    }
  }

  private void withdraw(Offer offer, WithdrawnReason reason, boolean tellAgent, After after) {
    offers.withdraw(offer, reason, tellAgent, after);
  }

  /** {@code offer.accept}: the session, or null if {@code request} is not offered on {@code link} (any more). */
  Session accept(HelpRequest request, ClientLink link) {
    After after = new After();
    Session session;
    lock.lock();
    try {
      Offer offer = request.offer();
      if (offer == null || offer.agentLink() != link) {
        return null;
      }
      session = offer.isTransfer() ? takeOver(offer, after) : start(offer);
    } finally {
      lock.unlock();
    }
    shared.afterLane(this, after.freed, after.ended);
    return session;
  }

  /** The agent took a queued request: one session, one token for both sides. */
  private Session start(Offer offer) {
    HelpRequest request = offer.request();
    long now = scheduler.now();
    offers.accepted(offer);
    queue.remove(request);
    shared.pending().leave(request);
    Session session = sessions.open(request, offer);
    teller.offerAccepted(now - offer.sentAt());
    shared.metrics().observeQueueWaitMillis(group, Math.max(0, now - request.requestedAt()));
    shared.metrics().count("offers_accepted");
    shared.metrics().count("sessions_started");
    LOG.info("session started sessionId={} requestId={} agentId={}", session.id(), request.id(), offer.agent().id());
    teller.queueChanged();
    shared.board().changed(group);
    return session;
  }

  /** The user withdraws the request ({@code support.cancel}): whatever stage it is in ends. False if it was over. */
  boolean cancel(HelpRequest request) {
    return finish(request, EndReason.CANCELLED, WithdrawnReason.CANCELLED);
  }

  /**
   * The user's dispatch connection closed. A request in a session waits for the user to reclaim
   * it for the grace period (the agent is told the user is away); anything else ends now.
   */
  void userGone(HelpRequest request, UserClient user) {
    long grace = settings.reclaimGraceMs();
    After after = new After();
    lock.lock();
    try {
      if (request.client() != user || request.state() == HelpRequest.State.CLOSED) {
        return; // reclaimed from another connection, or over
      }
      Session session = request.session();
      if (session != null && grace > 0) {
        if (sessions.awaitUser(session, grace, this)) {
          failTransferOf(session, TransferFailedReason.USER_LEFT, after);
          session.agentLink().send(new SessionUserPresence(session.id(), true, grace));
          LOG.info("session waits for its user sessionId={} graceMs={}", session.id(), grace);
        }
        return;
      }
    } finally {
      lock.unlock();
      shared.afterLane(this, after.freed, after.ended);
    }
    finish(request, EndReason.USER_LEFT, WithdrawnReason.USER_LEFT);
  }

  /** Timer thread: the user did not come back in time; the session ends as {@code user_left}. */
  void graceOver(Session session) {
    HelpRequest request;
    lock.lock();
    try {
      if (!sessions.stopAwaiting(session)) {
        return;
      }
      request = shared.request(session.requestId());
    } finally {
      lock.unlock();
    }
    LOG.info("session not reclaimed in time sessionId={}", session.id());
    if (request != null) {
      finish(request, EndReason.USER_LEFT, WithdrawnReason.USER_LEFT);
    }
  }

  /**
   * {@code support.reclaim}: the user is back on a new connection. With the right token the
   * session carries on, bound to {@code user}; the user hears {@code support.assigned} again and
   * the agent that the user is back.
   */
  Reclaim reclaim(HelpRequest request, String sessionId, String token, UserClient user) {
    lock.lock();
    try {
      Session session = request.session();
      if (request.state() == HelpRequest.State.CLOSED || session == null || !session.id().equals(sessionId)) {
        return Reclaim.NOT_THIS_SESSION;
      }
      if (!Tokens.sameToken(session.token(), token)) {
        return Reclaim.BAD_TOKEN;
      }
      boolean wasAway = sessions.stopAwaiting(session);
      UserClient old = request.client();
      if (old != user) {
        old.requestIds().remove(request.id());
        request.client(user);
        session.rebind(user);
        user.requestIds().add(request.id());
      }
      sessions.sendAssigned(request, session);
      session.agentLink().send(new SessionUserPresence(session.id(), false, null));
      shared.metrics().count("sessions_reclaimed");
      LOG.info("session reclaimed sessionId={} requestId={} wasAway={}", session.id(), request.id(), wasAway);
      return Reclaim.OK;
    } finally {
      lock.unlock();
    }
  }

  /** Ends whatever stage {@code request} is in; false if it was over already. */
  private boolean finish(HelpRequest request, EndReason endReason, WithdrawnReason withdrawnReason) {
    After after = new After();
    lock.lock();
    try {
      if (request.state() == HelpRequest.State.CLOSED) {
        return false;
      }
      if (request.offer() != null) {
        Offer offer = request.offer();
        withdraw(offer, withdrawnReason, true, after);
        if (offer.isTransfer()) {
          transferFailed(offer.fromSession(), TransferFailedReason.USER_LEFT);
        }
      }
      Session session = request.session();
      if (session != null) {
        endSession(session, endReason, List.of(session.agentLink()), after);
      }
      close(request, after);
      teller.queueChanged();
      shared.board().changed(group);
      dispatchLocked();
    } finally {
      lock.unlock();
    }
    shared.afterLane(this, after.freed, after.ended);
    return true;
  }

  /** The request is finished: forgotten by the lane, the index and its user. */
  private void close(HelpRequest request, After after) {
    Offer offer = request.offer();
    if (offer != null) {
      withdraw(offer, WithdrawnReason.USER_LEFT, true, after);
    }
    queue.remove(request);
    shared.pending().leave(request);
    request.closed();
    shared.forget(request);
    request.client().requestIds().remove(request.id());
  }

  // ---------------------------------------------------------------- sessions

  /** {@code session.end} from {@code from}, one of its parties: the other is told, the agent's slot freed. False if over already. */
  boolean end(Session session, EndReason reason, ClientLink from) {
    After after = new After();
    lock.lock();
    try {
      ClientLink other = from == session.agentLink() ? session.user().link() : session.agentLink();
      if (!endSession(session, reason, List.of(), after)) {
        return false;
      }
      HelpRequest request = shared.request(session.requestId());
      if (request != null && request.session() == session) {
        close(request, after);
      }
      // told only now that the request is closed: a user who asks again the moment it hears
      // session.end (its loop may read the answer before this thread gets here) must not be
      // refused for the request that just ended
      other.send(new SessionEnd(session.id(), reason.code()));
      dispatchLocked();
    } finally {
      lock.unlock();
    }
    shared.afterLane(this, after.freed, after.ended);
    return true;
  }

  /** Ends {@code session} ({@link LaneSessions#end}) and calls off a transfer of it nobody took yet. True if this call ended it. */
  private boolean endSession(Session session, EndReason reason, List<ClientLink> tell, After after) {
    if (!sessions.end(session, reason, tell, after)) {
      return false;
    }
    HelpRequest request = shared.request(session.requestId());
    if (request != null && request.offer() != null && request.offer().fromSession() == session) {
      withdraw(request.offer(), WithdrawnReason.SESSION_ENDED, true, after);
    }
    return true;
  }

  // ---------------------------------------------------------------- transfer

  /**
   * {@code session.transfer} to {@code target} (already chosen, its slot reserved): the request is
   * offered to it with the colleague's note. The session goes on until the offer is accepted.
   */
  void offerTransfer(Session session, Agent target, TransferInfo transfer) {
    boolean taken = false;
    lock.lock();
    try {
      HelpRequest request = shared.request(session.requestId());
      ClientLink link = target.link();
      if (session.isEnded() || request == null || request.session() != session) {
        return;
      }
      if (request.offer() != null) {
        transferFailedNow(session, TransferFailedReason.ALREADY_TRANSFERRING);
        return;
      }
      if (sessions.isAwaitingUser(session)) {
        transferFailedNow(session, TransferFailedReason.USER_LEFT);
        return;
      }
      if (link == null) {
        transferFailedNow(session, TransferFailedReason.UNKNOWN_TARGET);
        return;
      }
      offers.sendTransfer(session, request, target, link, transfer, this);
      taken = true;
    } finally {
      if (!taken) {
        target.release(scheduler.now());
      }
      lock.unlock();
    }
    if (!taken) {
      shared.redispatch(target, null);
    }
  }

  /** The new agent took the transfer: its session starts, the user hears who it is, then the old one ends. */
  private Session takeOver(Offer offer, After after) {
    HelpRequest request = offer.request();
    Session old = offer.fromSession();
    offers.accepted(offer);
    Session session = sessions.open(request, offer);
    endSession(old, EndReason.TRANSFERRED, List.of(old.agentLink()), after);
    shared.metrics().count("transfers_accepted");
    LOG.info("session transferred from={} to={} requestId={} agentId={}", old.id(), session.id(), request.id(),
        offer.agent().id());
    return session;
  }

  /** A transfer of {@code session} did not happen: its agent is told; the session goes on. */
  private void transferFailed(Session session, TransferFailedReason reason) {
    if (!session.isEnded()) {
      transferFailedNow(session, reason);
    }
  }

  private void transferFailedNow(Session session, TransferFailedReason reason) {
    session.agentLink().send(new SessionTransferFailed(session.id(), reason.code()));
    shared.metrics().count("transfers_failed");
    LOG.info("transfer failed sessionId={} reason={}", session.id(), reason.code());
  }

  /** A pending transfer of {@code session} is called off (its user left): withdrawn from the target. */
  private void failTransferOf(Session session, TransferFailedReason reason, After after) {
    HelpRequest request = shared.request(session.requestId());
    Offer offer = request == null ? null : request.offer();
    if (offer != null && offer.fromSession() == session) {
      withdraw(offer, WithdrawnReason.USER_LEFT, true, after);
      transferFailedNow(session, reason);
    }
  }

  // ---------------------------------------------------------------- agents

  /**
   * Everything {@code link} (an agent's console that left, or went away) held in this lane:
   * offers are taken back and their requests moved to the front of the queue; when
   * {@code endSessions}, its sessions end with {@code agent_left} and their users are put back at
   * the front and told (a user who is away, waiting to reclaim, is not: the request ends). Nobody
   * is stranded.
   */
  void releaseHeldBy(ClientLink link, WithdrawnReason reason, boolean endSessions) {
    After after = new After();
    lock.lock();
    try {
      List<HelpRequest> back = new ArrayList<>();
      for (Offer offer : offers.heldBy(link)) {
        withdraw(offer, reason, true, after);
        if (offer.isTransfer()) {
          transferFailed(offer.fromSession(), TransferFailedReason.AGENT_LEFT);
        } else {
          back.add(offer.request());
        }
      }
      List<HelpRequest> fromSessions = new ArrayList<>();
      if (endSessions) {
        for (Session session : sessions.heldBy(link)) {
          agentLeft(session, fromSessions, after);
        }
      }
      putBack(back, fromSessions);
    } finally {
      lock.unlock();
    }
    shared.afterLane(this, after.freed, after.ended);
  }

  /** The agent of {@code session} left: it ends; its user is re-queued ({@code fromSessions}), or its request closed if the user is away too. */
  private void agentLeft(Session session, List<HelpRequest> fromSessions, After after) {
    boolean userAway = sessions.isAwaitingUser(session);
    endSession(session, EndReason.AGENT_LEFT, userAway ? List.of() : List.of(session.user().link()), after);
    HelpRequest request = shared.request(session.requestId());
    if (request == null || request.session() != session) {
      return;
    }
    if (userAway) {
      close(request, after);
    } else {
      request.requeued();
      shared.pending().reenter(request);
      request.queuedAtNanos(System.nanoTime());
      fromSessions.add(request);
    }
  }

  /** Oldest first at the very front: the re-queued sessions' users, then the withdrawn offers, then the rest. */
  private void putBack(List<HelpRequest> offered, List<HelpRequest> fromSessions) {
    fromSessions.sort(Comparator.comparingLong(HelpRequest::requestedAt));
    List<HelpRequest> back = new ArrayList<>(fromSessions);
    back.addAll(offered);
    for (int i = back.size() - 1; i >= 0; i--) {
      queue.addFirst(back.get(i));
    }
    for (HelpRequest request : fromSessions) {
      int position = queue.positionOf(request);
      teller.tellNew(request, position, EndReason.AGENT_LEFT.code());
      LOG.info("request requeued requestId={} reason=agent_left position={}", request.id(), position);
    }
    if (!back.isEmpty()) {
      teller.queueChanged();
      shared.board().changed(group);
    }
    dispatchLocked();
  }

  // ---------------------------------------------------------------- reading

  /** How many wait (offered ones included: they keep their place) and since when the front one waits. */
  GroupQueue status(long now) {
    lock.lock();
    try {
      HelpRequest first = queue.first();
      return new GroupQueue(group, queue.size(), first == null ? 0 : Math.max(0, now - first.requestedAt()));
    } finally {
      lock.unlock();
    }
  }

  int queueLength() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  int openOffers() {
    lock.lock();
    try {
      return offers.count();
    } finally {
      lock.unlock();
    }
  }
}
