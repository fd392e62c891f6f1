package io.webassist.dispatch.broker;

import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.sessions.Session;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.UserInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * A user's request for support (claims 72, 80) from arrival to its end: what the agent will be
 * shown, the group it was routed to, and where it stands. The mutable fields are guarded by the
 * lock of its group's {@link GroupLane}; only that lane changes them.
 */
final class HelpRequest {

  enum State { WAITING, ASSIGNED, CLOSED }

  private final String id;
  private final String group;
  private final UserInfo user;
  private final String pageUrl;
  private final Endpoint peer;
  private final String peerFingerprint;
  private final long requestedAt;

  // guarded by the group lane's lock
  private volatile UserClient client; // volatile: the broker checks who owns it before entering the lane

  private State state = State.WAITING;
  private Offer offer;
  private Session session;
  private String pendingIp;
  private final Map<String, Long> passedUntil = new HashMap<>();
  /** System.nanoTime() when it (re-)entered the queue and has not been offered since; 0 otherwise. */
  private long queuedAtNanos;

  HelpRequest(String id, String group, UserInfo user, String pageUrl, Endpoint peer, String peerFingerprint,
      long requestedAt, UserClient client) {
    this.id = id;
    this.group = group;
    this.user = user;
    this.pageUrl = pageUrl;
    this.peer = peer;
    this.peerFingerprint = peerFingerprint;
    this.requestedAt = requestedAt;
    this.client = client;
  }

  String id() {
    return id;
  }

  String group() {
    return group;
  }

  UserInfo user() {
    return user;
  }

  String pageUrl() {
    return pageUrl;
  }

  Endpoint peer() {
    return peer;
  }

  String peerFingerprint() {
    return peerFingerprint;
  }

  long requestedAt() {
    return requestedAt;
  }

  UserClient client() {
    return client;
  }

  /** The user reclaimed its session from a new connection. */
  void client(UserClient value) {
    client = value;
  }

  void queuedAtNanos(long value) {
    queuedAtNanos = value;
  }

  /** Nanoseconds since it (re-)entered the queue, once, at its first offer after that; -1 if already counted. */
  long takeRoutingNanos(long nowNanos) {
    if (queuedAtNanos == 0) {
      return -1;
    }
    long elapsed = nowNanos - queuedAtNanos;
    queuedAtNanos = 0;
    return elapsed;
  }

  State state() {
    return state;
  }

  Offer offer() {
    return offer;
  }

  Session session() {
    return session;
  }

  /** The address whose {@code maxPendingRequestsPerIp} it counts against while waiting in a queue, or null. */
  String pendingIp() {
    return pendingIp;
  }

  void pendingIp(String value) {
    pendingIp = value;
  }

  void offered(Offer value) {
    offer = value;
  }

  void clearOffer() {
    offer = null;
  }

  void assigned(Session value) {
    state = State.ASSIGNED;
    session = value;
  }

  /** Back to waiting, after the agent of its session left. */
  void requeued() {
    state = State.WAITING;
    session = null;
  }

  void closed() {
    state = State.CLOSED;
    offer = null;
  }

  /** The agent declined it or let it expire: not offered to that agent again before {@code until}. */
  void passedBy(String agentId, long until) {
    passedUntil.put(agentId, until);
  }

  boolean isPassedBy(String agentId, long now) {
    Long until = passedUntil.get(agentId);
    return until != null && now < until;
  }

  @Override
  public String toString() {
    return "request " + id;
  }
}
