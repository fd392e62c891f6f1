package io.webassist.dispatch.broker;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.clients.ClientLink;

/**
 * A request offered to one agent's console, holding one of the agent's slots until it is
 * accepted (the slot becomes the session's), declined, withdrawn or expires. Guarded by the
 * request's group lock.
 */
final class Offer {

  private final HelpRequest request;
  private final Agent agent;
  private final ClientLink agentLink;
  private Scheduler.Cancellable expiry;

  Offer(HelpRequest request, Agent agent, ClientLink agentLink) {
    this.request = request;
    this.agent = agent;
    this.agentLink = agentLink;
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

  void expiresWith(Scheduler.Cancellable task) {
    expiry = task;
  }

  void cancelExpiry() {
    if (expiry != null) {
      expiry.cancel();
    }
  }
}
