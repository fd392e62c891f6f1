package io.webassist.link.session;

import io.webassist.link.LinkException;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportAssigned;
import java.util.concurrent.CompletableFuture;

/**
 * Where a session link begins, for both ends of a session.
 *
 * <ul>
 *   <li>User: {@link #openPeerListener} before {@code support.request} (its endpoint goes in
 *       {@code peer}, its {@link PeerListener#fingerprint()} in {@code peerFingerprint}), then
 *       {@link #acceptAsUser} when {@code support.assigned} arrives.</li>
 *   <li>Agent: {@link #connectAsAgent} when {@code session.start} arrives; in TLS mode it pins
 *       {@code session.start.peerFingerprint}, and without one it uses the relay only.</li>
 * </ul>
 * Every connection is protected as {@link LinkOptions#security()} says: the relay like the dispatch
 * server (pinned to its fingerprint), the direct link with the user's per-session certificate.
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

  /** With the default limits and timings and {@code security}. */
  public SessionLinks(LinkRuntime runtime, TransportSecurity security) {
    this(runtime, LinkOptions.of(security));
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
    try {
      options.requireSecurity();
    } catch (LinkException e) {
      return CompletableFuture.failedFuture(e);
    }
    UserEstablisher establisher = new UserEstablisher(runtime, options, listener, assigned.relay(),
        assigned.sessionId(), assigned.token());
    return new SessionLink(runtime, options, Role.USER, assigned.sessionId(), establisher, events).start();
  }

  /**
   * Agent side: dials the user at the IP the dispatch server saw and the reported port, then the
   * reported host (claims 96, 107), and falls back to the relay named in {@code start}.
   */
  public CompletableFuture<SessionLink> connectAsAgent(SessionStart start, SessionLink.Listener events) {
    AgentEstablisher establisher;
    try {
      establisher = AgentEstablisher.forSession(runtime, options, start);
    } catch (LinkException e) {
      return CompletableFuture.failedFuture(e);
    }
    return new SessionLink(runtime, options, Role.AGENT, start.sessionId(), establisher, events).start();
  }
}
