package io.webassist.console.model;

import io.webassist.protocol.frame.EndReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The agent's open sessions, one tab each, oldest first; the load the status bar shows is their number
 * out of {@code maxSessions}. Confined to the desk's thread.
 */
public final class SessionTabs {

  public interface Listener {
    void sessionOpened(SessionModel session);

    /** The session ended with {@code reason} ({@link EndReason#TRANSFERRED}: a colleague took it over). */
    void sessionClosed(SessionModel session, EndReason reason);
  }

  private final Map<String, SessionModel> sessions = new LinkedHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private int maxSessions;

  public SessionTabs(int maxSessions) {
    this.maxSessions = maxSessions;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public void open(SessionModel session) {
    sessions.put(session.sessionId(), session);
    listeners.forEach(l -> l.sessionOpened(session));
  }

  /** Ends the session (for the user, the link or the server); returns it, or null if it was not open. */
  public SessionModel close(String sessionId, EndReason reason) {
    return close(sessionId, reason, false);
  }

  /** Ends the session because the agent ended it; returns it, or null if it was not open. */
  public SessionModel closeByAgent(String sessionId, EndReason reason) {
    return close(sessionId, reason, true);
  }

  private SessionModel close(String sessionId, EndReason reason, boolean byAgent) {
    SessionModel closed = sessions.remove(sessionId);
    if (closed != null) {
      closed.ended(reason, byAgent);
      listeners.forEach(l -> l.sessionClosed(closed, reason));
    }
    return closed;
  }

  public SessionModel get(String sessionId) {
    return sessions.get(sessionId);
  }

  public boolean isOpen(String sessionId) {
    return sessions.containsKey(sessionId);
  }

  public List<SessionModel> all() {
    return Collections.unmodifiableList(new ArrayList<>(sessions.values()));
  }

  /** The newest session, or null. */
  public SessionModel newest() {
    SessionModel last = null;
    for (SessionModel session : sessions.values()) {
      last = session;
    }
    return last;
  }

  /** Sessions in use. */
  public int load() {
    return sessions.size();
  }

  public int maxSessions() {
    return maxSessions;
  }

  /** What the server said at login (the configured maximum, or less where the agent asked for less). */
  public void maxSessions(int atOnce) {
    maxSessions = atOnce;
  }

  public boolean full() {
    return sessions.size() >= maxSessions;
  }
}
