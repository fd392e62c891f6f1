package io.webassist.dispatch.broker;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.agents.AgentRegistry;
import io.webassist.dispatch.clients.ClientLink;
import io.webassist.dispatch.limits.KeyedCounter;
import io.webassist.dispatch.metrics.Metrics;
import io.webassist.dispatch.sessions.Session;
import io.webassist.dispatch.sessions.SessionRegistry;
import io.webassist.protocol.frame.AgentRef;
import io.webassist.protocol.frame.OfferWithdrawn;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.SupportQueued;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mechanics of getting a waiting request to an agent (claims 72–76, 80–84): pick the
 * longest-idle agent of the request's group that has a free slot, send it the offer with the
 * user's name, phone, IP, page and customer id, and take the offer back when it expires, is
 * declined or its agent leaves. Methods marked "lane locked" must be called with that group's lock held.
 */
final class Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final AgentRegistry agents;
  private final SessionRegistry sessions;
  private final Scheduler scheduler;
  private final Metrics metrics;
  private final BrokerSettings settings;
  private final Map<String, GroupLane> lanes = new ConcurrentHashMap<>();
  private final Map<String, HelpRequest> requests = new ConcurrentHashMap<>();
  private final List<Consumer<Session>> endListeners = new CopyOnWriteArrayList<>();
  /** Requests waiting in a queue (queued or offered) per user IP address, for maxPendingRequestsPerIp. */
  private final KeyedCounter pendingByIp = new KeyedCounter();
  private volatile boolean stopping;

  Dispatcher(AgentRegistry agents, SessionRegistry sessions, Scheduler scheduler, Metrics metrics,
      BrokerSettings settings) {
    this.agents = agents;
    this.sessions = sessions;
    this.scheduler = scheduler;
    this.metrics = metrics;
    this.settings = settings;
  }

  GroupLane lane(String group) {
    return lanes.computeIfAbsent(group, g -> new GroupLane(g, settings.maxQueuedPerGroup()));
  }

  Map<String, GroupLane> lanes() {
    return lanes;
  }

  Map<String, HelpRequest> requests() {
    return requests;
  }

  long now() {
    return scheduler.now();
  }

  /** Counts a new request from {@code ip} as pending unless that address is at the limit already. */
  boolean tryAddPending(String ip) {
    return pendingByIp.tryAcquire(ip, settings.maxPendingRequestsPerIp());
  }

  /** Takes back a {@link #tryAddPending} whose request never made it into a queue. */
  void dropPending(String ip) {
    pendingByIp.release(ip);
  }

  /** Lane locked. The request is in a queue now (admitted before, so never refused here). */
  void enterPending(HelpRequest request) {
    if (!request.pending()) {
      request.pending(true);
      pendingByIp.acquire(request.client().ip());
    }
  }

  /** Lane locked. The request left its queue: accepted into a session, or finished. */
  void leavePending(HelpRequest request) {
    if (request.pending()) {
      request.pending(false);
      pendingByIp.release(request.client().ip());
    }
  }

  int pendingFrom(String ip) {
    return pendingByIp.count(ip);
  }

  void onSessionEnded(Consumer<Session> listener) {
    endListeners.add(listener);
  }

  void stop() {
    stopping = true;
  }

  /** Lane locked. Offers every waiting, un-offered request, front first, to an agent that can take it. */
  void dispatch(GroupLane lane) {
    List<Agent> group = agents.inGroup(lane.group());
    if (stopping || group.isEmpty()) {
      return;
    }
    long now = scheduler.now();
    for (HelpRequest request : lane.queue().inOrder()) {
      if (request.offer() != null) {
        continue;
      }
      if (group.stream().noneMatch(Agent::canTakeOffer)) {
        return;
      }
      pickAgentFor(request, group, now).ifPresent(agent -> offer(lane, request, agent));
    }
  }

  /**
   * Reserves a slot of the agent {@code request} goes to: among those that can take it, the first
   * by {@link AgentRegistry#LONGEST_IDLE_FIRST}. One pass for the minimum instead of sorting the
   * group; if another group took that agent's last slot meanwhile, the next pass finds the next one.
   */
  private Optional<Agent> pickAgentFor(HelpRequest request, List<Agent> group, long now) {
    for (int attempt = 0; attempt < group.size(); attempt++) {
      Agent best = null;
      for (Agent agent : group) {
        if (agent.canTakeOffer() && !request.isPassedBy(agent.id(), now)
            && (best == null || AgentRegistry.LONGEST_IDLE_FIRST.compare(agent, best) < 0)) {
          best = agent;
        }
      }
      if (best == null) {
        return Optional.empty();
      }
      if (best.tryReserve()) {
        return Optional.of(best);
      }
    }
    return Optional.empty();
  }

  private void offer(GroupLane lane, HelpRequest request, Agent agent) {
    ClientLink link = agent.link();
    if (link == null) { // logged out since the filter: the slot goes back, the request waits
      agent.release(scheduler.now());
      return;
    }
    Offer offer = new Offer(request, agent, link);
    request.offered(offer);
    offer.expiresWith(scheduler.schedule(() -> expire(lane, offer), settings.offerTimeoutMs()));
    link.send(new SupportOffer(request.id(), request.user(), request.pageUrl(), settings.offerTimeoutMs(),
        request.requestedAt(), request.group()));
    metrics.count("offers_sent");
    LOG.info("offer sent requestId={} agentId={} group={}", request.id(), agent.id(), lane.group());
  }

  /** Timer thread. The offer ran out: the agent is told, the request goes to the next agent. */
  private void expire(GroupLane lane, Offer offer) {
    boolean expired = lane.call(() -> {
      HelpRequest request = offer.request();
      if (request.offer() != offer) {
        return false; // accepted, declined or withdrawn in the meantime
      }
      withdraw(offer, "expired", true);
      request.passedBy(offer.agent().id(), scheduler.now() + settings.declineCooldownMs());
      metrics.count("offers_expired");
      LOG.info("offer expired requestId={} agentId={}", request.id(), offer.agent().id());
      dispatch(lane);
      return true;
    });
    if (expired) {
      afterPass(lane, offer.agent());
    }
  }

  /** After a decline or an expiry: the agent's other groups may use the slot, and the request is retried after the cooldown. */
  void afterPass(GroupLane lane, Agent agent) {
    redispatch(agent);
    if (settings.declineCooldownMs() > 0) {
      scheduler.schedule(() -> lane.run(() -> dispatch(lane)), settings.declineCooldownMs());
    }
  }

  /** Lane locked. Takes the offer back and frees the agent's slot. */
  void withdraw(Offer offer, String reason, boolean tellAgent) {
    offer.cancelExpiry();
    offer.request().clearOffer();
    offer.agent().release(scheduler.now());
    if (tellAgent) {
      offer.agentLink().send(new OfferWithdrawn(offer.request().id(), reason));
    }
    if (!"expired".equals(reason) && !"declined".equals(reason)) {
      metrics.count("offers_withdrawn");
    }
  }

  /** Lane locked. The agent took the offer: one session, one token for both sides. */
  Session accept(GroupLane lane, Offer offer) {
    HelpRequest request = offer.request();
    offer.cancelExpiry();
    request.clearOffer();
    lane.queue().remove(request);
    leavePending(request);
    Session session = sessions.open(request.id(), request.group(), offer.agent(), offer.agentLink(), request.client());
    request.assigned(session);
    lane.sessions().add(session);
    List<String> hosts = settings.cobrowseHostsFor(request.pageUrl());
    offer.agentLink().send(new SessionStart(session.id(), session.token(), request.id(), request.user(),
        request.pageUrl(), request.peer(), settings.relay().forClient(offer.agentLink()), request.peerFingerprint(),
        hosts));
    request.client().link().send(new SupportAssigned(request.id(), session.id(), session.token(),
        new AgentRef(offer.agent().id(), offer.agent().displayName()),
        settings.relay().forClient(request.client().link()), hosts));
    metrics.count("offers_accepted");
    metrics.count("sessions_started");
    LOG.info("session started sessionId={} requestId={} agentId={}", session.id(), request.id(), offer.agent().id());
    tellPositions(lane);
    return session;
  }

  /**
   * Lane locked. Ends {@code session}: {@code tell} (the other party, or both when null is not
   * enough) gets {@code session.end}, the agent's slot is freed. True if this call ended it.
   */
  boolean endSession(GroupLane lane, Session session, String reason, List<ClientLink> tell) {
    if (!sessions.end(session)) {
      return false;
    }
    lane.sessions().remove(session);
    session.agent().release(scheduler.now());
    for (ClientLink link : tell) {
      link.send(new SessionEnd(session.id(), reason));
    }
    metrics.count("sessions_ended");
    LOG.info("session ended sessionId={} reason={}", session.id(), reason);
    endListeners.forEach(listener -> listener.accept(session));
    return true;
  }

  /** Lane locked. The request is finished: forgotten by the broker and its user. */
  void close(GroupLane lane, HelpRequest request) {
    if (request.offer() != null) {
      withdraw(request.offer(), "user_left", true);
    }
    lane.queue().remove(request);
    leavePending(request);
    request.closed();
    requests.remove(request.id());
    request.client().requestIds().remove(request.id());
  }

  /**
   * Lane locked. Everything {@code link} (an agent's console that left, or went away) held in
   * this group: offers are taken back and their requests moved to the front of the queue; when
   * {@code endSessions}, its sessions end with {@code agent_left} and their users are put back at
   * the front and told. Nobody is stranded.
   */
  List<Agent> releaseHeldBy(GroupLane lane, ClientLink link, String reason, boolean endSessions) {
    List<HelpRequest> back = new ArrayList<>();
    List<Agent> freed = new ArrayList<>();
    for (HelpRequest request : lane.queue().inOrder()) {
      Offer offer = request.offer();
      if (offer != null && offer.agentLink() == link) {
        withdraw(offer, reason, true);
        back.add(request);
        freed.add(offer.agent());
      }
    }
    List<HelpRequest> fromSessions = new ArrayList<>();
    if (endSessions) {
      for (Session session : List.copyOf(lane.sessions())) {
        if (session.agentLink() == link) {
          endSession(lane, session, "agent_left", List.of(session.user().link()));
          HelpRequest request = requests.get(session.requestId());
          if (request != null) {
            request.requeued();
            enterPending(request);
            fromSessions.add(request);
          }
        }
      }
    }
    // oldest first at the very front: walk backwards, pushing each to the front
    fromSessions.sort(Comparator.comparingLong(HelpRequest::requestedAt));
    back.addAll(0, fromSessions);
    for (int i = back.size() - 1; i >= 0; i--) {
      lane.queue().addFirst(back.get(i));
    }
    for (HelpRequest request : fromSessions) {
      int position = lane.queue().positionOf(request);
      lane.queue().told(request, position);
      request.client().link().send(new SupportQueued(request.id(), position, "agent_left"));
      LOG.info("request requeued requestId={} reason=agent_left position={}", request.id(), position);
    }
    tellPositions(lane);
    dispatch(lane);
    return freed;
  }

  /**
   * Lane locked. The queue changed: every user whose position moved is sent {@code support.queued}
   * with the new one, at most once per {@code positionUpdateMs}. The first change after a quiet
   * spell goes out at once; later ones within the interval are sent together when it ends, with
   * the positions of that moment, so the last position is always heard (unless the request was
   * assigned or closed first). Under load this is one pass over the queue per interval instead of
   * one per assignment.
   */
  void tellPositions(GroupLane lane) {
    if (lane.positionsDue()) {
      return; // the scheduled send will see this change
    }
    // capped: a wall clock set back must not hold positions back for longer than the interval
    long wait = Math.min(lane.positionsToldAt() + settings.positionUpdateMs() - scheduler.now(),
        settings.positionUpdateMs());
    if (wait <= 0) {
      sendPositions(lane);
      return;
    }
    lane.positionsDue(true);
    scheduler.schedule(() -> lane.run(() -> {
      lane.positionsDue(false);
      sendPositions(lane);
    }), wait);
  }

  private void sendPositions(GroupLane lane) {
    lane.positionsToldAt(scheduler.now());
    lane.queue().forEachMoved((request, position) ->
        request.client().link().send(new SupportQueued(request.id(), position)));
  }

  /** Not lane locked. An agent's slot was freed: each of its groups may offer it a request. */
  void redispatch(Agent agent) {
    for (String group : agent.groups()) {
      GroupLane lane = lane(group);
      lane.run(() -> dispatch(lane));
    }
  }
}
