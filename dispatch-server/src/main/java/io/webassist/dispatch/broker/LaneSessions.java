package io.webassist.dispatch.broker;

import io.webassist.dispatch.clients.ClientLink;
import io.webassist.dispatch.sessions.Session;
import io.webassist.protocol.frame.AgentRef;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportAssigned;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running sessions of one group's lane: opening one (both sides told), ending one (the agent's
 * slot freed), and the sessions whose user's dispatch connection dropped, kept for the grace period
 * in which the user may reclaim them. Belongs to one {@link GroupLane} and is guarded by that lane's
 * lock: every method checks that the caller holds it. Offers and the queue are the lane's.
 */
final class LaneSessions {

  private static final Logger LOG = LoggerFactory.getLogger(LaneSessions.class);

  private final String group;
  private final ReentrantLock laneLock;
  private final Lanes shared;
  private final PositionTeller teller;
  private final Set<Session> running = new LinkedHashSet<>();
  /** Sessions whose user's dispatch connection dropped, with the end of their grace period. */
  private final Map<Session, Scheduler.Cancellable> awaitingUser = new HashMap<>();

  LaneSessions(String group, ReentrantLock laneLock, Lanes shared, PositionTeller teller) {
    this.group = group;
    this.laneLock = laneLock;
    this.shared = shared;
    this.teller = teller;
  }

  /** Opens the session of an accepted offer and tells both sides; the offer's slot becomes the session's. */
  Session open(HelpRequest request, Offer offer) {
    guarded();
    Session session = shared.sessions().open(request.id(), group, offer.agent(), offer.agentLink(), request.client());
    request.assigned(session);
    running.add(session);
    BrokerSettings settings = shared.settings();
    List<String> hosts = settings.cobrowseHostsFor(request.pageUrl()); // parsed once for both frames
    offer.agentLink().send(new SessionStart(session.id(), session.token(), request.id(), request.user(),
        request.pageUrl(), request.peer(), settings.relay().forClient(offer.agentLink()), request.peerFingerprint(),
        hosts));
    sendAssigned(request, session, hosts);
    return session;
  }

  /** {@code support.assigned} to the request's user again, after a reclaim. */
  void sendAssigned(HelpRequest request, Session session) {
    guarded();
    sendAssigned(request, session, shared.settings().cobrowseHostsFor(request.pageUrl()));
  }

  private void sendAssigned(HelpRequest request, Session session, List<String> hosts) {
    ClientLink user = request.client().link();
    user.send(new SupportAssigned(request.id(), session.id(), session.token(),
        new AgentRef(session.agent().id(), session.agent().displayName()), shared.settings().relay().forClient(user),
        hosts));
  }

  /**
   * Ends {@code session}: {@code tell} get {@code session.end}, the agent's slot is freed (and the
   * agent left for {@code after} to re-dispatch). True if this call ended it.
   */
  boolean end(Session session, EndReason reason, List<ClientLink> tell, GroupLane.After after) {
    guarded();
    if (!shared.sessions().end(session, reason)) {
      return false;
    }
    long now = shared.scheduler().now();
    running.remove(session);
    Scheduler.Cancellable grace = awaitingUser.remove(session);
    if (grace != null) {
      grace.cancel();
    }
    session.agent().release(now);
    after.freed.add(session.agent());
    after.ended.add(session);
    for (ClientLink link : tell) {
      link.send(new SessionEnd(session.id(), reason.code()));
    }
    if (reason != EndReason.TRANSFERRED) {
      teller.sessionEnded(now - session.startedAt());
    }
    shared.metrics().count("sessions_ended");
    LOG.info("session ended sessionId={} reason={}", session.id(), reason.code());
    return true;
  }

  /** The user's connection dropped: the session waits for it until {@code lane}'s grace timer runs out. False if it waits already. */
  boolean awaitUser(Session session, long graceMs, GroupLane lane) {
    guarded();
    if (awaitingUser.containsKey(session)) {
      return false;
    }
    awaitingUser.put(session, shared.scheduler().schedule(() -> lane.graceOver(session), graceMs));
    return true;
  }

  /** The user is back (or the grace ran out): the session no longer waits. True if it was waiting. */
  boolean stopAwaiting(Session session) {
    guarded();
    Scheduler.Cancellable grace = awaitingUser.remove(session);
    if (grace != null) {
      grace.cancel();
    }
    return grace != null;
  }

  boolean isAwaitingUser(Session session) {
    guarded();
    return awaitingUser.containsKey(session);
  }

  /** The running sessions whose agent is on {@code link}, as a copy. */
  List<Session> heldBy(ClientLink link) {
    guarded();
    List<Session> held = new ArrayList<>();
    for (Session session : running) {
      if (session.agentLink() == link) {
        held.add(session);
      }
    }
    return held;
  }

  private void guarded() {
    if (!laneLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("the sessions of group " + group + " are changed under its lane's lock");
    }
  }
}
