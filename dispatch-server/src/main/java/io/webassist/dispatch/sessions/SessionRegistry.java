package io.webassist.dispatch.sessions;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.clients.ClientLink;
import io.webassist.dispatch.clients.UserClient;
import io.webassist.protocol.frame.EndReason;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Live sessions by id, and the ids of sessions that ended recently, so that a late relay join
 * can be told {@code session_ended} instead of {@code bad_token}. Thread-safe.
 */
public final class SessionRegistry {

  /** How long an ended session's id is remembered. */
  static final long REMEMBER_ENDED_MS = 10 * 60_000;
  private static final int MAX_REMEMBERED = 10_000;

  /** What a relay join presenting an id and a token finds. */
  public enum Check { VALID, BAD_TOKEN, ENDED }

  private final Map<String, Session> live = new ConcurrentHashMap<>();
  private final Map<String, EndReason> ended = new ConcurrentHashMap<>();
  /** The ids of {@link #ended}, oldest first, so that forgetting stops at the first one still young. */
  private final Deque<EndedId> endedInOrder = new ArrayDeque<>();
  private final LongSupplier clock;

  public SessionRegistry(LongSupplier clock) {
    this.clock = clock;
  }

  /** Opens a session with a fresh id and token. */
  public Session open(String requestId, String group, Agent agent, ClientLink agentLink, UserClient user) {
    Session session = new Session(Tokens.newSessionId(), Tokens.newToken(), requestId, group, agent, agentLink,
        user, clock.getAsLong());
    live.put(session.id(), session);
    return session;
  }

  /** Ends {@code session}; true for the one caller that actually ended it. */
  public boolean end(Session session) {
    return end(session, EndReason.OTHER);
  }

  /** Ends {@code session} for {@code reason} (remembered for a while); true for the one caller that actually ended it. */
  public boolean end(Session session, EndReason reason) {
    if (!session.markEnded()) {
      return false;
    }
    // remembered before it leaves the live map, so a check in between says "ended", never "bad token"
    remember(session.id(), reason, clock.getAsLong());
    live.remove(session.id());
    return true;
  }

  public Optional<Session> find(String sessionId) {
    return Optional.ofNullable(live.get(sessionId));
  }

  public boolean recentlyEnded(String sessionId) {
    return ended.containsKey(sessionId);
  }

  /** Why a recently ended session ended, or null if it is not remembered. */
  public EndReason endedFor(String sessionId) {
    return ended.get(sessionId);
  }

  /** Checks a presented token in constant time; an unknown id is a bad token. */
  public Check check(String sessionId, String token) {
    Session session = live.get(sessionId);
    if (session == null) {
      return ended.containsKey(sessionId) ? Check.ENDED : Check.BAD_TOKEN;
    }
    if (!Tokens.sameToken(session.token(), token)) {
      return Check.BAD_TOKEN;
    }
    return session.isEnded() ? Check.ENDED : Check.VALID;
  }

  public int liveCount() {
    return live.size();
  }

  /**
   * Remembers an ended id and forgets what is too old: the oldest ones go first, so the work is
   * proportional to what is forgotten, not to what is remembered.
   */
  private synchronized void remember(String sessionId, EndReason reason, long now) {
    ended.put(sessionId, reason);
    endedInOrder.addLast(new EndedId(sessionId, now));
    if (endedInOrder.size() <= MAX_REMEMBERED / 2) {
      return;
    }
    while (!endedInOrder.isEmpty()
        && (now - endedInOrder.peekFirst().at() > REMEMBER_ENDED_MS || endedInOrder.size() > MAX_REMEMBERED)) {
      ended.remove(endedInOrder.pollFirst().id());
    }
  }

  private record EndedId(String id, long at) { }
}
