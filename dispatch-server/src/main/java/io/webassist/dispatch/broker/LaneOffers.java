package io.webassist.dispatch.broker;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.clients.ClientLink;
import io.webassist.dispatch.queue.RequestQueue;
import io.webassist.dispatch.sessions.Session;
import io.webassist.protocol.frame.OfferWithdrawn;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.TransferInfo;
import io.webassist.protocol.frame.WithdrawnReason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open offers of one group's lane: sending one (the request keeps its place in the queue, held,
 * and the offer expires after {@code offerTimeoutMs} through the lane), taking one back (the agent's
 * slot freed) and handing one over to the session it became. Belongs to one {@link GroupLane} and
 * is guarded by that lane's lock: every method checks that the caller holds it.
 */
final class LaneOffers {

  private static final Logger LOG = LoggerFactory.getLogger(LaneOffers.class);

  private final String group;
  private final ReentrantLock laneLock;
  private final RequestQueue<HelpRequest> queue;
  private final Lanes shared;
  private final Set<Offer> open = new LinkedHashSet<>();

  LaneOffers(String group, ReentrantLock laneLock, RequestQueue<HelpRequest> queue, Lanes shared) {
    this.group = group;
    this.laneLock = laneLock;
    this.queue = queue;
    this.shared = shared;
  }

  /** Offers a waiting request to {@code agent}, whose slot is reserved; false (slot given back) if it logged out meanwhile. */
  boolean send(HelpRequest request, Agent agent, long now, GroupLane lane) {
    guarded();
    ClientLink link = agent.link();
    if (link == null) { // logged out since the choice: the slot goes back, the request waits
      agent.release(now);
      return false;
    }
    Offer offer = new Offer(request, agent, link, now);
    queue.hold(request, true);
    open(offer, lane);
    long timeout = shared.settings().offerTimeoutMs();
    link.send(new SupportOffer(request.id(), request.user(), request.pageUrl(), timeout, request.requestedAt(), group));
    long routingNanos = request.takeRoutingNanos(System.nanoTime());
    if (routingNanos >= 0) {
      shared.metrics().observeRoutingLatencyNanos(routingNanos);
    }
    shared.metrics().count("offers_sent");
    LOG.info("offer sent requestId={} agentId={} group={}", request.id(), agent.id(), group);
    return true;
  }

  /** Offers the request of {@code session} to {@code target} (slot reserved, logged in on {@code link}) with the colleague's note. */
  void sendTransfer(Session session, HelpRequest request, Agent target, ClientLink link, TransferInfo transfer,
      GroupLane lane) {
    guarded();
    Offer offer = new Offer(request, target, link, shared.scheduler().now(), session, transfer);
    open(offer, lane);
    long timeout = shared.settings().offerTimeoutMs();
    link.send(new SupportOffer(request.id(), request.user(), request.pageUrl(), timeout, request.requestedAt(), group,
        transfer));
    shared.metrics().count("transfers_offered");
    LOG.info("transfer offered sessionId={} requestId={} from={} to={}", session.id(), request.id(),
        session.agent().id(), target.id());
  }

  private void open(Offer offer, GroupLane lane) {
    offer.request().offered(offer);
    open.add(offer);
    offer.expiresWith(shared.scheduler().schedule(() -> lane.expire(offer), shared.settings().offerTimeoutMs()));
  }

  /** Takes the offer back and frees the agent's slot (the agent left for {@code after} to re-dispatch). */
  void withdraw(Offer offer, WithdrawnReason reason, boolean tellAgent, GroupLane.After after) {
    guarded();
    HelpRequest request = offer.request();
    close(offer);
    if (queue.contains(request)) {
      queue.hold(request, false);
    }
    offer.agent().release(shared.scheduler().now());
    after.freed.add(offer.agent());
    if (tellAgent) {
      offer.agentLink().send(new OfferWithdrawn(request.id(), reason.code()));
    }
    if (reason != WithdrawnReason.EXPIRED && reason != WithdrawnReason.DECLINED) {
      shared.metrics().count("offers_withdrawn");
    }
  }

  /** The offer was accepted: it is over, its slot becomes the session's. */
  void accepted(Offer offer) {
    guarded();
    close(offer);
  }

  private void close(Offer offer) {
    offer.cancelExpiry();
    offer.request().clearOffer();
    open.remove(offer);
  }

  /** The open offers made to the agent on {@code link}, as a copy. */
  List<Offer> heldBy(ClientLink link) {
    guarded();
    List<Offer> held = new ArrayList<>();
    for (Offer offer : open) {
      if (offer.agentLink() == link) {
        held.add(offer);
      }
    }
    return held;
  }

  int count() {
    guarded();
    return open.size();
  }

  private void guarded() {
    if (!laneLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("the offers of group " + group + " are changed under its lane's lock");
    }
  }
}
