package io.webassist.link.session;

import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportAssigned;
import java.util.concurrent.CompletableFuture;

/**
 * Where a session link begins, for both ends of a session.
 *
 * <ul>
 *   <li>User: {@link #openPeerListener} before {@code support.request} (its endpoint goes in
 *       {@code peer}), then {@link #acceptAsUser} when {@code support.assigned} arrives.</li>
 *   <li>Agent: {@link #connectAsAgent} when {@code session.start} arrives.</li>
 * </ul>
 * The returned futures complete on the link thread once the first link is up and resumed, or fail
 * with a {@link io.webassist.link.LinkException} when none came up within
 * {@link LinkOptions#establishTimeout()}.
 */
public final class SessionLinks {
  private final LinkRuntime runtime;
  private final LinkOptions options;

  public SessionLinks(LinkRuntime runtime, LinkOptions options) {
    this.runtime = runtime;
    this.options = options;
  }

  public SessionLinks(LinkRuntime runtime) {
    this(runtime, LinkOptions.DEFAULTS);
  }

  public LinkOptions options() {
    return options;
  }

  /** Opens the user's peer listener on {@code bindHost}, any free port. */
  public CompletableFuture<PeerListener> openPeerListener(String bindHost) {
    return PeerListener.open(runtime, options, bindHost);
  }

  /**
   * User side: admits the agent on {@code listener} with the session's credentials, or joins the
   * relay named in {@code assigned} when no agent came in {@link LinkOptions#directTimeout()}.
   * The session link owns the listener from now on and closes it when the session is over.
   * {@code listener} may be null (no direct link possible): then the relay is used straight away.
   */
  public CompletableFuture<SessionLink> acceptAsUser(
      PeerListener listener, SupportAssigned assigned, SessionLink.Listener events) {
    UserEstablisher establisher = new UserEstablisher(runtime, options, listener, assigned.relay(),
        assigned.sessionId(), assigned.token());
    return new SessionLink(runtime, options, Role.USER, assigned.sessionId(), establisher, events).start();
  }

  /**
   * Agent side: dials the user at the IP the dispatch server saw and the reported port, then the
   * reported host (claims 96, 107), and falls back to the relay named in {@code start}.
   */
  public CompletableFuture<SessionLink> connectAsAgent(SessionStart start, SessionLink.Listener events) {
    AgentEstablisher establisher = new AgentEstablisher(runtime, options, PeerDialer.candidates(start),
        start.relay(), start.sessionId(), start.token());
    return new SessionLink(runtime, options, Role.AGENT, start.sessionId(), establisher, events).start();
  }
}
