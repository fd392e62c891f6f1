package io.webassist.dispatch.broker;

import java.util.ArrayList;

import io.webassist.protocol.frame.GroupQueue;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.agents.AgentRegistry;
import io.webassist.dispatch.clients.ClientLink;
import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.config.LoginPolicy;
import io.webassist.dispatch.limits.Limit;
import io.webassist.dispatch.limits.LimitEvents;
import io.webassist.dispatch.limits.Ticker;
import io.webassist.dispatch.metrics.Metrics;
import io.webassist.dispatch.routing.RoutingRules;
import io.webassist.dispatch.sessions.Session;
import io.webassist.dispatch.sessions.SessionRegistry;
import io.webassist.dispatch.sessions.Tokens;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.AgentStatus;
import io.webassist.protocol.frame.Availability;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.SessionTransfer;
import io.webassist.protocol.frame.SessionTransferFailed;
import io.webassist.protocol.frame.SupportReclaim;
import io.webassist.protocol.frame.SupportRequest;
import io.webassist.protocol.frame.SupportUnavailable;
import io.webassist.protocol.frame.TransferFailedReason;
import io.webassist.protocol.frame.TransferInfo;
import io.webassist.protocol.frame.UnavailableReason;
import io.webassist.protocol.frame.UserInfo;
import io.webassist.protocol.frame.WithdrawnReason;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch server's domain, as the connection handlers see it: users ask for support, agents
 * log in, accept or decline offers and go away, either side ends a session. Knows nothing of
 * Netty; every answer goes out through a {@link ClientLink}.
 *
 * <p>A thin front: it checks who may do what, finds the request's {@link GroupLane} and calls the
 * lane, which guards itself with its own lock. What spans groups — the per-address pending counts,
 * re-dispatching a freed agent, {@code queue.status} — is in {@link Lanes}. Logins of one agent
 * are serialised on that agent (its monitor is taken before any lane's lock, never after).
 */
public final class SupportBroker {

  private static final Logger LOG = LoggerFactory.getLogger(SupportBroker.class);

  /** The result of a login whose password was right. */
  public enum LoginResult { OK, ALREADY_LOGGED_IN }

  private final AgentRegistry agents;
  private final RoutingRules routing;
  private final SessionRegistry sessions;
  private final Metrics metrics;
  private final BrokerSettings settings;
  private final Scheduler scheduler;
  private final Lanes lanes;
  private final LimitEvents limits;
  private volatile boolean stopping;

  public SupportBroker(AgentRegistry agents, RoutingRules routing, SessionRegistry sessions, Scheduler scheduler,
      Metrics metrics, BrokerSettings settings) {
    this.agents = agents;
    this.routing = routing;
    this.sessions = sessions;
    this.metrics = metrics;
    this.settings = settings;
    this.scheduler = scheduler;
    this.lanes = new Lanes(agents, sessions, scheduler, metrics, settings);
    this.limits = new LimitEvents(metrics, Ticker.SYSTEM, settings.logPersonalData());
  }

  public AgentRegistry agents() {
    return agents;
  }

  public SessionRegistry sessions() {
    return sessions;
  }

  /** Calls {@code listener} once for every session that ends, whatever the reason (never under a lane's lock). */
  public void onSessionEnded(Consumer<Session> listener) {
    lanes.onSessionEnded(listener);
  }

  /**
   * No new offers from now on; the server is shutting down. The connections it then closes are not
   * agents or users leaving: nobody is told "agent_left" and put back in a queue that is going away
   * (they were told {@code shutting_down}; sessions on direct links carry on between the peers).
   */
  public void stop() {
    stopping = true;
    lanes.stop();
  }

  // ---- users

  /** A user asks for support (claims 72, 78–80, 86, 87): route by customer id, queue, offer. */
  public void submit(UserClient user, SupportRequest frame) {
    ClientLink link = user.link();
    if (user.requestIds().size() >= settings.maxRequestsPerConnection()) {
      limits.hit(Limit.REQUESTS_PER_CONNECTION, link.connectionId(),
          "maxRequestsPerConnection=" + settings.maxRequestsPerConnection(), user.ip());
      link.send(new ErrorFrame(ErrorCode.TOO_MANY_REQUESTS,
          "this connection already has " + user.requestIds().size() + " open request(s)"));
      return;
    }
    metrics.count("requests_received");
    RoutingRules.Route route = routing.route(frame.customerId(), frame.customerSignature());
    String group = route.group();
    if (!agents.servesGroup(group)) {
      metrics.count("requests_unavailable");
      LOG.info("request refused reason=no_agents group={}", group);
      link.send(new SupportUnavailable(null, UnavailableReason.NO_AGENTS.code()));
      return;
    }
    UserInfo info = new UserInfo(frame.name(), frame.phone(), user.ip(), frame.customerId(), route.verified());
    HelpRequest request = new HelpRequest(Tokens.newRequestId(), group, info, frame.pageUrl(), frame.peer(),
        frame.peerFingerprint(), scheduler.now(), user);
    if (!lanes.pending().admit(request, user.ip())) {
      limits.hit(Limit.PENDING_REQUESTS_PER_IP, link.connectionId(),
          "maxPendingRequestsPerIp=" + settings.maxPendingRequestsPerIp(), user.ip());
      link.send(new ErrorFrame(ErrorCode.TOO_MANY_REQUESTS,
          "too many requests from your address are waiting already; try again later"));
      return;
    }
    if (!lanes.lane(group).enqueue(request)) {
      lanes.pending().leave(request);
      metrics.count("requests_queue_full");
      limits.hit(Limit.QUEUE_FULL, link.connectionId(), "group=" + group, user.ip());
      link.send(new SupportUnavailable(null, UnavailableReason.QUEUE_FULL.code()));
      return;
    }
    if (settings.logPersonalData()) {
      LOG.debug("request details requestId={} name={} phone={} ip={} customerId={} pageUrl={}", request.id(),
          info.name(), info.phone(), info.ip(), info.customerId(), frame.pageUrl());
    }
  }

  /** Requests from {@code ip} waiting in a queue now (queued or offered), for tests and metrics. */
  public int pendingFrom(String ip) {
    return lanes.pending().from(ip);
  }

  /** The user withdraws a request; a running session for it ends with reason {@code cancelled}. */
  public void cancel(UserClient user, String requestId) {
    HelpRequest request = lanes.request(requestId);
    if (request == null || request.client() != user || !lanes.lane(request.group()).cancel(request)) {
      user.link().send(new ErrorFrame(ErrorCode.UNKNOWN_REQUEST, "no open request " + requestId, requestId));
      return;
    }
    user.link().send(new SupportUnavailable(requestId, UnavailableReason.CANCELLED.code()));
    LOG.info("request cancelled requestId={}", requestId);
  }

  /**
   * The user's connection closed: waiting requests are removed and their offers withdrawn; a
   * running session waits {@code reclaimGraceMs} for the user to come back, then ends with {@code user_left}.
   */
  public void userLeft(UserClient user) {
    if (stopping) {
      return;
    }
    for (String requestId : List.copyOf(user.requestIds())) {
      HelpRequest request = lanes.request(requestId);
      if (request != null) {
        lanes.lane(request.group()).userGone(request, user);
      }
    }
  }

  /** {@code support.reclaim}: the user is back on a new connection and asks for its session. */
  public void reclaim(UserClient user, SupportReclaim frame) {
    HelpRequest request = lanes.request(frame.requestId());
    GroupLane.Reclaim result = request == null ? GroupLane.Reclaim.NOT_THIS_SESSION
        : lanes.lane(request.group()).reclaim(request, frame.sessionId(), frame.token(), user);
    switch (result) {
      case OK -> { }
      case BAD_TOKEN -> {
        LOG.info("session reclaim refused reason=bad_token requestId={}", frame.requestId());
        user.link().send(new ErrorFrame(ErrorCode.BAD_TOKEN, "that is not the token of session " + frame.sessionId(),
            frame.requestId()));
      }
      case NOT_THIS_SESSION -> {
        EndReason ended = sessions.endedFor(frame.sessionId());
        if (ended == null) {
          user.link().send(new ErrorFrame(ErrorCode.UNKNOWN_SESSION, "no session " + frame.sessionId(),
              frame.requestId()));
          return;
        }
        // the grace ran out (or its agent left meanwhile): the client asks again; else it is simply over
        UnavailableReason why = ended == EndReason.USER_LEFT || ended == EndReason.AGENT_LEFT
            ? UnavailableReason.RECLAIM_EXPIRED : UnavailableReason.SESSION_ENDED;
        LOG.info("session reclaim refused reason={} sessionId={}", why.code(), frame.sessionId());
        user.link().send(new SupportUnavailable(frame.requestId(), why.code()));
      }
    }
  }

  // ---- agents

  /**
   * Logs {@code agent} in on {@code link}, after its password was checked, and sends it
   * {@code agent.ready} (with its groups' canned replies) and the {@code queue.status} of its
   * groups. An agent already logged in elsewhere is taken over (the old connection is told
   * {@code already_logged_in}, closed, and everything it held is handled as a disconnect) or
   * refused, as configured.
   */
  public LoginResult login(Agent agent, ClientLink link) {
    synchronized (agent) {
      ClientLink old = agent.link();
      if (old != null && old != link) {
        if (settings.loginPolicy() == LoginPolicy.REFUSE) {
          LOG.info("agent login refused agentId={} reason=already_logged_in", agent.id());
          return LoginResult.ALREADY_LOGGED_IN;
        }
        old.close(new ErrorFrame(ErrorCode.ALREADY_LOGGED_IN, "logged in again from another connection"));
        LOG.info("agent login takeover agentId={} old={} new={}", agent.id(), old.connectionId(), link.connectionId());
        leave(agent, old);
      }
      Availability initial = settings.availableOnLogin() ? Availability.AVAILABLE : Availability.AWAY;
      // agent.ready goes out before the agent can be offered anything, so it is always the first answer
      link.send(new AgentReady(agent.id(), agent.displayName(), agent.groups(),
          settings.cannedRepliesFor(agent.groups()), agent.configuredMaxSessions()));
      lanes.board().sendTo(agent, link);
      agent.attach(link, initial, scheduler.now());
      metrics.count("agent_logins");
      LOG.info("agent logged in agentId={} connection={} status={}", agent.id(), link.connectionId(), initial.wireName());
    }
    if (settings.availableOnLogin()) {
      lanes.redispatch(agent, null);
    }
    return LoginResult.OK;
  }

  /** {@code agent.status}: available agents get offers; an agent going away gives back its offers (not its sessions). */
  public void status(Agent agent, ClientLink link, AgentStatus status) {
    if (agent.link() != link) {
      return;
    }
    if (status.maxSessions() != null) {
      agent.limitSessions(status.maxSessions());
    }
    LOG.info("agent status agentId={} status={}", agent.id(), status.status().wireName());
    if (status.status() == Availability.AVAILABLE) {
      agent.makeAvailable(scheduler.now());
      lanes.redispatch(agent, null);
      return;
    }
    agent.makeAway();
    for (GroupLane lane : lanes.all()) {
      lane.releaseHeldBy(link, WithdrawnReason.AWAY, false);
    }
  }

  /** {@code offer.accept}: exactly one accept of a request's current offer wins; anything else is {@code offer_gone}. */
  public void accept(Agent agent, ClientLink link, String requestId) {
    HelpRequest request = lanes.request(requestId);
    Session session = request == null ? null : lanes.lane(request.group()).accept(request, link);
    if (session == null) {
      offerGone(link, requestId);
    }
  }

  /** {@code offer.decline}: the request goes to the next agent; this one gets it again only after the cooldown. */
  public void decline(Agent agent, ClientLink link, String requestId) {
    HelpRequest request = lanes.request(requestId);
    if (request == null || !lanes.lane(request.group()).decline(request, link)) {
      offerGone(link, requestId);
    }
  }

  private static void offerGone(ClientLink link, String requestId) {
    link.send(new ErrorFrame(ErrorCode.OFFER_GONE, "request " + requestId + " is not offered to you (any more)",
        requestId));
  }

  /** The agent's console connection closed: its offers go back to the front, its sessions' users are re-queued and told. */
  public void agentLeft(Agent agent, ClientLink link) {
    if (stopping) {
      return;
    }
    synchronized (agent) {
      if (agent.link() != link) {
        return; // already replaced by a newer login, which cleaned up
      }
      leave(agent, link);
    }
    LOG.info("agent logged out agentId={} connection={}", agent.id(), link.connectionId());
  }

  private void leave(Agent agent, ClientLink link) {
    agent.detach(link);
    // every lane, not only the agent's groups: a transferred session may be in another group's lane
    for (GroupLane lane : lanes.all()) {
      lane.releaseHeldBy(link, WithdrawnReason.AGENT_LEFT, true);
    }
  }

  // ---- sessions

  /** {@code session.end} from either party: the other is told, the agent's slot is freed. */
  public void endSession(ClientLink from, String sessionId, String reason) {
    Session session = sessions.find(sessionId).filter(s -> s.involves(from)).orElse(null);
    if (session == null) {
      if (!sessions.recentlyEnded(sessionId)) {
        from.send(new ErrorFrame(ErrorCode.UNKNOWN_SESSION, "no session " + sessionId + " of yours", sessionId));
      }
      return;
    }
    EndReason why = reason == null || reason.isBlank() ? EndReason.RESOLVED : EndReason.of(reason);
    lanes.lane(session.group()).end(session, why, from);
  }

  /**
   * {@code session.transfer} from the session's agent: a named agent (logged in, not the sender,
   * with a free slot) or the next free agent of a group (chosen as for any offer, the sender
   * excepted) is offered the request with the sender's note; {@code session.transfer_failed} when
   * there is nobody.
   */
  public void transfer(Agent from, ClientLink link, SessionTransfer frame) {
    Session session = sessions.find(frame.sessionId()).filter(s -> s.agentLink() == link).orElse(null);
    if (session == null) {
      link.send(new ErrorFrame(ErrorCode.UNKNOWN_SESSION, "no session " + frame.sessionId() + " of yours",
          frame.sessionId()));
      return;
    }
    Agent target = null;
    TransferFailedReason failure = null;
    if (frame.toAgentId() != null && !frame.toAgentId().isBlank()) {
      target = agents.find(frame.toAgentId()).filter(a -> a != from && a.isLoggedIn()).orElse(null);
      if (target == null) {
        failure = TransferFailedReason.UNKNOWN_TARGET;
      } else if (!target.tryReserveOffer()) {
        target = null;
        failure = TransferFailedReason.NO_AGENTS;
      }
    } else if (!agents.servesGroup(frame.toGroup())) {
      failure = TransferFailedReason.UNKNOWN_TARGET;
    } else {
      target = AgentChoice.reserveFor(null, agents.offerable(frame.toGroup()), scheduler.now(), from);
      failure = target == null ? TransferFailedReason.NO_AGENTS : null;
    }
    if (target == null) {
      LOG.info("transfer failed sessionId={} reason={}", session.id(), failure.code());
      metrics.count("transfers_failed");
      link.send(new SessionTransferFailed(session.id(), failure.code()));
      return;
    }
    lanes.lane(session.group()).offerTransfer(session, target,
        new TransferInfo(from.id(), from.displayName(), frame.note()));
  }

  /** {@code session.link}: which path (direct or relay) the session's peers are linked by, for the metrics. */
  public void reportLink(ClientLink from, String sessionId, LinkPath path) {
    Session session = sessions.find(sessionId).filter(s -> s.involves(from)).orElse(null);
    if (session == null) {
      from.send(new ErrorFrame(ErrorCode.UNKNOWN_SESSION, "no session " + sessionId + " of yours", sessionId));
      return;
    }
    recordPath(session, path);
  }

  /** Counts {@code path} once per session, whoever reports it (a peer, or the relay pairing them). */
  public void recordPath(Session session, LinkPath path) {
    if (session.recordPath(path)) {
      metrics.count("sessions_link_" + path.wireName());
      LOG.info("session link sessionId={} path={}", session.id(), path.wireName());
    }
  }

  // ---- metrics

  /** Waiting requests per group (offered ones included, they keep their place until accepted). */
  public Map<String, Integer> queueLengths() {
    Map<String, Integer> out = new TreeMap<>();
    for (GroupLane lane : lanes.all()) {
      out.put(lane.group(), lane.queueLength());
    }
    return out;
  }

  /** Each group's queue now: how many wait and how long the front one has waited (for /metrics). */
  public List<GroupQueue> queueStatus() {
    long now = scheduler.now();
    List<GroupQueue> out = new ArrayList<>();
    for (GroupLane lane : lanes.all()) {
      out.add(lane.status(now));
    }
    return out;
  }

  /** Offers waiting for an answer right now. */
  public long openOffers() {
    long open = 0;
    for (GroupLane lane : lanes.all()) {
      open += lane.openOffers();
    }
    return open;
  }
}
