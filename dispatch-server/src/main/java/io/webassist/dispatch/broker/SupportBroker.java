package io.webassist.dispatch.broker;

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
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.SupportRequest;
import io.webassist.protocol.frame.SupportUnavailable;
import io.webassist.protocol.frame.UserInfo;
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
 * <p>Thread safety without a global lock: each support group has its own lock ({@link GroupLane})
 * and all changes to a request, its offer and its session happen under it; agents' slots are
 * taken with compare-and-set; logins of one agent are serialised on that agent. A request is
 * accepted once, by one agent, because accept, decline, expiry, cancel and disconnects all check
 * the request's current offer under the same lock.
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
  private final Dispatcher dispatcher;
  private final LimitEvents limits;

  public SupportBroker(AgentRegistry agents, RoutingRules routing, SessionRegistry sessions, Scheduler scheduler,
      Metrics metrics, BrokerSettings settings) {
    this.agents = agents;
    this.routing = routing;
    this.sessions = sessions;
    this.metrics = metrics;
    this.settings = settings;
    this.dispatcher = new Dispatcher(agents, sessions, scheduler, metrics, settings);
    this.limits = new LimitEvents(metrics, Ticker.SYSTEM, settings.logPersonalData());
  }

  public AgentRegistry agents() {
    return agents;
  }

  public SessionRegistry sessions() {
    return sessions;
  }

  /** Calls {@code listener} once for every session that ends, whatever the reason. */
  public void onSessionEnded(Consumer<Session> listener) {
    dispatcher.onSessionEnded(listener);
  }

  /** No new offers from now on; the server is shutting down. */
  public void stop() {
    dispatcher.stop();
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
      link.send(new SupportUnavailable(null, "no_agents"));
      return;
    }
    if (!dispatcher.tryAddPending(user.ip())) {
      limits.hit(Limit.PENDING_REQUESTS_PER_IP, link.connectionId(),
          "maxPendingRequestsPerIp=" + settings.maxPendingRequestsPerIp(), user.ip());
      link.send(new ErrorFrame(ErrorCode.TOO_MANY_REQUESTS,
          "too many requests from your address are waiting already; try again later"));
      return;
    }
    UserInfo info = new UserInfo(frame.name(), frame.phone(), user.ip(), frame.customerId(), route.verified());
    HelpRequest request = new HelpRequest(Tokens.newRequestId(), group, info, frame.pageUrl(), frame.peer(),
        frame.peerFingerprint(), dispatcher.now(), user);
    GroupLane lane = dispatcher.lane(group);
    lane.run(() -> {
      if (!lane.queue().addLast(request)) {
        dispatcher.dropPending(user.ip());
        metrics.count("requests_queue_full");
        limits.hit(Limit.QUEUE_FULL, link.connectionId(), "group=" + group, user.ip());
        link.send(new SupportUnavailable(null, "queue_full"));
        return;
      }
      request.pending(true); // counted by tryAddPending above
      dispatcher.requests().put(request.id(), request);
      user.requestIds().add(request.id());
      int position = lane.queue().positionOf(request);
      lane.queue().told(request, position);
      link.send(new SupportQueued(request.id(), position));
      LOG.info("request queued requestId={} group={} position={}", request.id(), group, position);
      if (settings.logPersonalData()) {
        LOG.debug("request details requestId={} name={} phone={} ip={} customerId={} pageUrl={}", request.id(),
            info.name(), info.phone(), info.ip(), info.customerId(), frame.pageUrl());
      }
      dispatcher.dispatch(lane);
    });
  }

  /** Requests from {@code ip} waiting in a queue now (queued or offered), for tests and metrics. */
  public int pendingFrom(String ip) {
    return dispatcher.pendingFrom(ip);
  }

  /** The user withdraws a request; a running session for it ends with reason {@code cancelled}. */
  public void cancel(UserClient user, String requestId) {
    HelpRequest request = dispatcher.requests().get(requestId);
    if (request == null || request.client() != user) {
      user.link().send(new ErrorFrame(ErrorCode.UNKNOWN_REQUEST, "no open request " + requestId, requestId));
      return;
    }
    Agent freed = finish(request, "cancelled");
    user.link().send(new SupportUnavailable(requestId, "cancelled"));
    LOG.info("request cancelled requestId={}", requestId);
    if (freed != null) {
      dispatcher.redispatch(freed);
    }
  }

  /** The user's connection closed: its requests are removed, offers withdrawn, sessions ended with {@code user_left}. */
  public void userLeft(UserClient user) {
    for (String requestId : List.copyOf(user.requestIds())) {
      HelpRequest request = dispatcher.requests().get(requestId);
      if (request != null) {
        Agent freed = finish(request, "user_left");
        if (freed != null) {
          dispatcher.redispatch(freed);
        }
      }
    }
  }

  /** Ends whatever stage {@code request} is in; returns the agent whose slot was freed, if any. */
  private Agent finish(HelpRequest request, String reason) {
    GroupLane lane = dispatcher.lane(request.group());
    return lane.call(() -> {
      Agent freed = null;
      if (request.offer() != null) {
        freed = request.offer().agent();
        dispatcher.withdraw(request.offer(), reason, true);
      }
      Session session = request.session();
      if (session != null && dispatcher.endSession(lane, session, reason, List.of(session.agentLink()))) {
        freed = session.agent();
      }
      dispatcher.close(lane, request);
      dispatcher.tellPositions(lane);
      return freed;
    });
  }

  // ---- agents

  /**
   * Logs {@code agent} in on {@code link}, after its password was checked, and sends it
   * {@code agent.ready}. An agent already logged
   * in elsewhere is taken over (the old connection is told {@code already_logged_in}, closed, and
   * everything it held is handled as a disconnect) or refused, as configured.
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
      link.send(new AgentReady(agent.id(), agent.displayName(), agent.groups()));
      agent.attach(link, initial, dispatcher.now());
      metrics.count("agent_logins");
      LOG.info("agent logged in agentId={} connection={} status={}", agent.id(), link.connectionId(), initial.wireName());
    }
    if (settings.availableOnLogin()) {
      dispatcher.redispatch(agent);
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
      agent.makeAvailable(dispatcher.now());
      dispatcher.redispatch(agent);
      return;
    }
    agent.makeAway();
    for (String group : agent.groups()) {
      GroupLane lane = dispatcher.lane(group);
      lane.run(() -> dispatcher.releaseHeldBy(lane, link, "away", false));
    }
  }

  /** {@code offer.accept}: exactly one accept of a request's current offer wins; anything else is {@code offer_gone}. */
  public void accept(Agent agent, ClientLink link, String requestId) {
    HelpRequest request = dispatcher.requests().get(requestId);
    Session session = request == null ? null : dispatcher.lane(request.group()).call(() -> {
      Offer offer = request.offer();
      if (offer == null || offer.agentLink() != link) {
        return null;
      }
      return dispatcher.accept(dispatcher.lane(request.group()), offer);
    });
    if (session == null) {
      link.send(new ErrorFrame(ErrorCode.OFFER_GONE, "request " + requestId + " is not offered to you (any more)",
          requestId));
    }
  }

  /** {@code offer.decline}: the request goes to the next agent; this one gets it again only after the cooldown. */
  public void decline(Agent agent, ClientLink link, String requestId) {
    HelpRequest request = dispatcher.requests().get(requestId);
    GroupLane lane = request == null ? null : dispatcher.lane(request.group());
    boolean declined = lane != null && lane.call(() -> {
      Offer offer = request.offer();
      if (offer == null || offer.agentLink() != link) {
        return false;
      }
      dispatcher.withdraw(offer, "declined", false);
      request.passedBy(agent.id(), dispatcher.now() + settings.declineCooldownMs());
      metrics.count("offers_declined");
      LOG.info("offer declined requestId={} agentId={}", requestId, agent.id());
      dispatcher.dispatch(lane);
      return true;
    });
    if (declined) {
      dispatcher.afterPass(lane, agent);
    } else {
      link.send(new ErrorFrame(ErrorCode.OFFER_GONE, "request " + requestId + " is not offered to you (any more)",
          requestId));
    }
  }

  /** The agent's console connection closed: its offers go back to the front, its sessions' users are re-queued and told. */
  public void agentLeft(Agent agent, ClientLink link) {
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
    for (String group : agent.groups()) {
      GroupLane lane = dispatcher.lane(group);
      lane.run(() -> dispatcher.releaseHeldBy(lane, link, "agent_left", true));
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
    String why = reason == null || reason.isBlank() ? "ended" : reason;
    ClientLink other = from == session.agentLink() ? session.user().link() : session.agentLink();
    HelpRequest request = dispatcher.requests().get(session.requestId());
    GroupLane lane = dispatcher.lane(session.group());
    boolean ended = lane.call(() -> {
      if (!dispatcher.endSession(lane, session, why, List.of(other))) {
        return false;
      }
      if (request != null && request.session() == session) {
        dispatcher.close(lane, request);
      }
      return true;
    });
    if (ended) {
      dispatcher.redispatch(session.agent());
    }
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
    dispatcher.lanes().forEach((group, lane) -> out.put(group, lane.queueLength()));
    return out;
  }

  /** Offers waiting for an answer right now. */
  public long openOffers() {
    return dispatcher.lanes().values().stream()
        .mapToLong(lane -> lane.call(() -> lane.queue().inOrder().stream().filter(r -> r.offer() != null).count()))
        .sum();
  }
}
