package io.webassist.dispatch.sessions;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.clients.ClientLink;
import io.webassist.dispatch.clients.UserClient;
import io.webassist.protocol.frame.LinkPath;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An accepted request: one agent helping one user, known by its id and its secret token. The
 * token lets the two peers prove to each other (and to the relay) that they belong to this session.
 * The user's side may change once the session runs: a user whose dispatch connection dropped
 * reclaims the session from its new connection ({@link #rebind}).
 */
public final class Session {

  private final String id;
  private final String token;
  private final String requestId;
  private final String group;
  private final Agent agent;
  private final ClientLink agentLink;
  private volatile UserClient user;
  private final long startedAt;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final Set<LinkPath> paths = EnumSet.noneOf(LinkPath.class);

  Session(String id, String token, String requestId, String group, Agent agent, ClientLink agentLink,
      UserClient user, long startedAt) {
    this.id = id;
    this.token = token;
    this.requestId = requestId;
    this.group = group;
    this.agent = agent;
    this.agentLink = agentLink;
    this.user = user;
    this.startedAt = startedAt;
  }

  public String id() {
    return id;
  }

  public String token() {
    return token;
  }

  public String requestId() {
    return requestId;
  }

  public String group() {
    return group;
  }

  public Agent agent() {
    return agent;
  }

  public ClientLink agentLink() {
    return agentLink;
  }

  public UserClient user() {
    return user;
  }

  /** The user reclaimed the session from a new dispatch connection (the old one dropped). */
  public void rebind(UserClient reclaimed) {
    user = reclaimed;
  }

  public long startedAt() {
    return startedAt;
  }

  public boolean isEnded() {
    return ended.get();
  }

  /** True for the one caller that ends the session. */
  boolean markEnded() {
    return ended.compareAndSet(false, true);
  }

  /** True if {@code link} is one of the session's two parties. */
  public boolean involves(ClientLink link) {
    return link == agentLink || link == user.link();
  }

  /** Records that the session's link used {@code path}; true the first time for that path. */
  public synchronized boolean recordPath(LinkPath path) {
    return paths.add(path);
  }

  @Override
  public String toString() {
    return "session " + id;
  }
}
