package io.webassist.console.model;

import java.time.Clock;

/**
 * Everything the console shows, as models a view listens to: the status, the live queue, the offers
 * and the sessions. The text view and the window render the same models. Confined to the desk's thread
 * (the EDT in the window).
 */
public final class DeskModel {
  private final DeskStatus status;
  private final QueueView queue = new QueueView();
  private final OfferList offers = new OfferList();
  private final SessionTabs sessions;
  private final Clock clock;

  public DeskModel(String server, String agentId, int maxSessions, Clock clock) {
    this.status = new DeskStatus(server, agentId);
    this.sessions = new SessionTabs(maxSessions);
    this.clock = clock;
  }

  public DeskStatus status() {
    return status;
  }

  public QueueView queue() {
    return queue;
  }

  public OfferList offers() {
    return offers;
  }

  public SessionTabs sessions() {
    return sessions;
  }

  public Clock clock() {
    return clock;
  }
}
