package io.webassist.dispatch.broker;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.clients.ClientLink;
import io.webassist.dispatch.sessions.Session;
import io.webassist.protocol.frame.TransferInfo;

/**
 * A request offered to one agent's console, holding one of the agent's slots until it is
 * accepted (the slot becomes the session's), declined, withdrawn or expires. A transfer offer
 * ({@link #isTransfer}) hands over the running session {@link #fromSession}. Guarded by the lock
 * of the request's lane.
 */
final class Offer {

  private final HelpRequest request;
  private final Agent agent;
  private final ClientLink agentLink;
  private final long sentAt;
  private final Session fromSession;
  private final TransferInfo transfer;
  private Scheduler.Cancellable expiry;

  Offer(HelpRequest request, Agent agent, ClientLink agentLink, long sentAt) {
    this(request, agent, agentLink, sentAt, null, null);
  }

  Offer(HelpRequest request, Agent agent, ClientLink agentLink, long sentAt, Session fromSession,
      TransferInfo transfer) {
    this.request = request;
    this.agent = agent;
    this.agentLink = agentLink;
    this.sentAt = sentAt;
    this.fromSession = fromSession;
    this.transfer = transfer;
  }

  HelpRequest request() {
    return request;
  }

  Agent agent() {
    return agent;
  }

  ClientLink agentLink() {
    return agentLink;
  }

  long sentAt() {
    return sentAt;
  }

  boolean isTransfer() {
    return fromSession != null;
  }

  /** For a transfer offer: the session being handed over. */
  Session fromSession() {
    return fromSession;
  }

  TransferInfo transfer() {
    return transfer;
  }

  void expiresWith(Scheduler.Cancellable task) {
    expiry = task;
  }

  void cancelExpiry() {
    if (expiry != null) {
      expiry.cancel();
    }
  }
}
