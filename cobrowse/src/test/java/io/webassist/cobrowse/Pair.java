package io.webassist.cobrowse;

import io.webassist.protocol.frame.SessionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An agent and a user model joined by two in-memory "links" that stamp {@code seq} like a session
 * link does; events stay in flight until {@link #deliver()}, so tests can reorder or replay them.
 */
final class Pair {
  static final String PAGE = "https://shop.example.com/checkout";

  final Outbox toUser = new Outbox();
  final Outbox toAgent = new Outbox();
  final CobrowseSession agent;
  final CobrowseSession user;

  Pair(List<String> allowedHosts) {
    UrlPolicy policy = UrlPolicy.forSession(allowedHosts, PAGE);
    agent = new CobrowseSession(Side.AGENT, policy, PAGE, toUser);
    user = new CobrowseSession(Side.USER, policy, PAGE, toAgent);
  }

  Pair() {
    this(List.of());
  }

  /** Delivers everything in flight both ways until nothing is left (answers included). */
  Pair deliver() {
    while (!toUser.inFlight.isEmpty() || !toAgent.inFlight.isEmpty()) {
      toUser.drainInto(user);
      toAgent.drainInto(agent);
    }
    return this;
  }

  Pair consented() {
    user.allowCobrowsing();
    return deliver();
  }

  /** Collects what one side sends, stamped with that side's next seq. */
  static final class Outbox implements Consumer<SessionEvent> {
    final List<SessionEvent> sent = new ArrayList<>();
    final List<SessionEvent> inFlight = new ArrayList<>();
    private long seq;

    @Override
    public void accept(SessionEvent event) {
      SessionEvent stamped = event.stamped(++seq, System.currentTimeMillis());
      sent.add(stamped);
      inFlight.add(stamped);
    }

    void drainInto(CobrowseSession receiver) {
      List<SessionEvent> batch = new ArrayList<>(inFlight);
      inFlight.clear();
      batch.forEach(receiver::apply);
    }

    <T extends SessionEvent> List<T> sentOf(Class<T> type) {
      return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }
}
