package io.webassist.console;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.Side;
import io.webassist.cobrowse.UrlPolicy;
import io.webassist.console.model.DeskModel;
import io.webassist.console.model.DeskStatus;
import io.webassist.console.model.Offer;
import io.webassist.console.model.OfferGone;
import io.webassist.console.model.RelayReason;
import io.webassist.console.model.SessionModel;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.link.dispatch.Backoff;
import io.webassist.link.dispatch.ConnectionState;
import io.webassist.link.dispatch.DispatchConnection;
import io.webassist.link.session.DispatchReporter;
import io.webassist.link.session.LinkState;
import io.webassist.link.session.SessionLink;
import io.webassist.link.session.SessionLinks;
import io.webassist.protocol.frame.AgentLogin;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.AgentStatus;
import io.webassist.protocol.frame.Availability;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.OfferAccept;
import io.webassist.protocol.frame.OfferDecline;
import io.webassist.protocol.frame.OfferWithdrawn;
import io.webassist.protocol.frame.QueueStatus;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionEvent;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SessionTransfer;
import io.webassist.protocol.frame.SessionTransferFailed;
import io.webassist.protocol.frame.SessionUserPresence;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.WithdrawnReason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side, the one place for the console's logic (claims 73–76, 88–110): logs in, keeps the
 * offers, accepts them, dials each session's user (relay when that fails), binds the shared co-browse
 * model to each session's link, chats, leads, ends and transfers sessions. It knows no view: it keeps
 * a {@link DeskModel} that the text view and the window both render.
 *
 * <p>Threads: the model lives on the <em>desk thread</em> the caller gives (the EDT for the window, one
 * plain thread for the text console); link callbacks hop there. Every command may be called from any
 * thread and runs there too. Nothing here blocks. With TLS the dispatch connection and the relay are
 * pinned to the server's fingerprint and each direct dial to the fingerprint {@code session.start}
 * carries for the user's listener.
 */
public final class AgentDesk implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentDesk.class);
  /** The servers' default {@code maxSessions}, assumed where a server does not say (older than the field). */
  static final int ASSUMED_MAX_SESSIONS = 3;

  /**
   * Where and as whom to log in. {@code maxSessions}: fewer sessions at once than the agent's configured
   * maximum, asked of the server (it caps it at its own); null asks nothing, the server's value holds.
   */
  public record Login(String host, int port, String agentId, String secret, TransportSecurity security,
      Integer maxSessions) {
    public String server() {
      return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    @Override
    public String toString() {
      return "Login[" + server() + ", " + agentId + ", secret=***]";
    }
  }

  private final Login login;
  private final Executor desk;
  private final DeskModel model;
  private final LinkRuntime runtime = LinkRuntime.create();
  private final SessionLinks links;
  private final CompletableFuture<AgentReady> ready = new CompletableFuture<>();
  private volatile DispatchConnection dispatch;
  private volatile boolean takenOver; // the agent logged in elsewhere, which took over: stay closed
  // what the agent chose last; restored after every (re)login
  private volatile Availability availability = Availability.AVAILABLE;
  // desk thread only
  private final Map<String, SessionLink> sessionLinks = new HashMap<>();
  private final Map<String, Offer> offered = new HashMap<>();

  /**
   * @param deskThread where the model lives and listeners are called, e.g. {@code SwingUtilities::invokeLater}
   */
  public AgentDesk(Login login, Executor deskThread, Clock clock) {
    this.login = login;
    this.desk = deskThread;
    this.model = new DeskModel(login.server(), login.agentId(), sessionsAtOnce(login.maxSessions(), null), clock);
    this.links = new SessionLinks(runtime, login.security());
  }

  /** The models a view renders; read and listen on the desk thread only. */
  public DeskModel model() {
    return model;
  }

  public Login login() {
    return login;
  }

  /**
   * How many sessions at once the console shows the load out of: the server's configured maximum
   * ({@code agent.ready.maxSessions}), lowered to what the agent asked for; before login, or from a
   * server too old to say, what the agent asked for or {@value #ASSUMED_MAX_SESSIONS}.
   */
  static int sessionsAtOnce(Integer asked, Integer configured) {
    if (configured == null) {
      return asked == null ? ASSUMED_MAX_SESSIONS : asked;
    }
    return asked == null ? configured : Math.max(1, Math.min(asked, configured));
  }

  /**
   * Connects and logs in; completes with {@code agent.ready}, or fails with a {@link LoginFailure}
   * (wrong password, locked out, unreachable, untrusted certificate). Completes on a link or desk thread.
   */
  public CompletableFuture<AgentReady> start() {
    DispatchConnection.builder(runtime, login.host(), login.port(), Role.AGENT)
        .security(login.security())
        .client("webassist-console")
        .onFrame(frame -> {
          if (frame instanceof ErrorFrame error && ErrorCode.ALREADY_LOGGED_IN.equals(error.code()) && ready.isDone()) {
            takenOver = true; // noted on the link thread, before it handles the server's close
          }
          desk.execute(() -> onDispatchFrame(frame));
        })
        .onState(this::onConnectionState)
        .reconnect(Backoff.DEFAULT)
        .connect()
        .whenComplete((connection, failure) -> {
          if (failure != null) {
            ready.completeExceptionally(LoginFailure.fromConnect(failure, login.server()));
            desk.execute(() -> model.status().connection(DeskStatus.Connection.CLOSED));
          } else {
            dispatch = connection;
            connection.send(new AgentLogin(login.agentId(), login.secret()));
          }
        });
    return ready;
  }

  // ---------------------------------------------------------------- commands (any thread)

  public void accept(String requestId) {
    desk.execute(() -> {
      if (model.offers().get(requestId) != null) {
        send(new OfferAccept(requestId));
      }
    });
  }

  public void decline(String requestId) {
    desk.execute(() -> {
      if (model.offers().remove(requestId, OfferGone.DECLINED) != null) {
        send(new OfferDecline(requestId));
      }
    });
  }

  public void setAvailable(boolean available) {
    Availability chosen = available ? Availability.AVAILABLE : Availability.AWAY;
    availability = chosen;
    desk.execute(() -> {
      model.status().availability(chosen);
      send(new AgentStatus(chosen, login.maxSessions()));
    });
  }

  public void chat(String sessionId, String text) {
    act(sessionId, cobrowse -> cobrowse.chat(text));
  }

  /** The agent started or stopped typing in the session's chat (the user sees an indicator). */
  public void typing(String sessionId, boolean typing) {
    act(sessionId, cobrowse -> cobrowse.typing(typing));
  }

  /** Runs {@code action} on the session's co-browse model (navigate, highlight …) on the desk thread. */
  public void act(String sessionId, Consumer<CobrowseSession> action) {
    desk.execute(() -> {
      SessionModel session = model.sessions().get(sessionId);
      if (session != null) {
        action.accept(session.cobrowse());
      }
    });
  }

  /** Ends the session with {@code reason}: the user is told over the link, the server frees the slot. */
  public void end(String sessionId, EndReason reason) {
    desk.execute(() -> {
      if (!model.sessions().isOpen(sessionId)) {
        return;
      }
      SessionLink link = sessionLinks.remove(sessionId);
      if (link != null) {
        link.end(reason.code());
      }
      send(new SessionEnd(sessionId, reason.code()));
      model.sessions().closeByAgent(sessionId, reason);
    });
  }

  /**
   * Hands the session to agent {@code toAgentId} or to group {@code toGroup} (exactly one) with a note;
   * the session goes on until the colleague's starts ({@code session.end{transferred}}).
   *
   * @throws IllegalArgumentException (from the frame's checks) if neither or both targets are given
   */
  public void transfer(String sessionId, String toAgentId, String toGroup, String note) {
    SessionTransfer frame = new SessionTransfer(sessionId, blankToNull(toAgentId), blankToNull(toGroup),
        blankToNull(note));
    desk.execute(() -> {
      SessionModel session = model.sessions().get(sessionId);
      if (session != null && send(frame)) {
        session.transferPending();
      }
    });
  }

  // ---------------------------------------------------------------- the dispatch server

  /** On the link thread: a reconnect needs a fresh login at once; the model hears of it on the desk thread. */
  private void onConnectionState(ConnectionState state) {
    DispatchConnection current = dispatch;
    if (takenOver && state != ConnectionState.CLOSED) {
      if (current != null) {
        current.close(); // a login elsewhere took over: no reconnect, no login from here
      }
      return;
    }
    if (state == ConnectionState.CONNECTED && current != null) {
      current.send(new AgentLogin(login.agentId(), login.secret()));
    }
    desk.execute(() -> {
      if (state == ConnectionState.RECONNECTING) {
        model.status().connection(DeskStatus.Connection.RECONNECTING);
        forgetWhatTheServerTookBack();
      } else if (state == ConnectionState.CLOSED) {
        model.status().connection(DeskStatus.Connection.CLOSED);
      }
    });
  }

  /**
   * Without its agent's connection the server withdraws the offers and ends the sessions (their
   * users go back to the front of the queue); the withdrawals went to the dead connection, so the
   * console lets go of them itself instead of offering stale choices after the reconnect.
   */
  private void forgetWhatTheServerTookBack() {
    model.offers().clear(OfferGone.CONNECTION_LOST);
    model.queue().clear();
    for (SessionModel session : model.sessions().all()) {
      SessionLink link = sessionLinks.remove(session.sessionId());
      if (link != null) {
        link.end(EndReason.AGENT_LEFT.code());
      }
      model.sessions().close(session.sessionId(), EndReason.AGENT_LEFT);
    }
  }

  private void onDispatchFrame(Frame frame) {
    long now = model.clock().millis();
    if (frame instanceof AgentReady agentReady) {
      send(new AgentStatus(availability, login.maxSessions()));
      model.sessions().maxSessions(sessionsAtOnce(login.maxSessions(), agentReady.maxSessions()));
      model.status().loggedIn(agentReady);
      ready.complete(agentReady);
    } else if (frame instanceof QueueStatus queue) {
      model.queue().update(queue, now);
    } else if (frame instanceof SupportOffer offer) {
      Offer shown = Offer.of(offer, now);
      offered.put(offer.requestId(), shown);
      model.offers().add(shown);
    } else if (frame instanceof OfferWithdrawn withdrawn) {
      offered.remove(withdrawn.requestId());
      model.offers().remove(withdrawn.requestId(), OfferGone.withdrawn(WithdrawnReason.of(withdrawn.reason())));
    } else if (frame instanceof SessionStart start) {
      model.offers().remove(start.requestId(), OfferGone.ACCEPTED);
      startSession(start, offered.remove(start.requestId()), now);
    } else if (frame instanceof SessionEnd end && end.sessionId() != null) {
      SessionLink link = sessionLinks.remove(end.sessionId());
      if (link != null) {
        link.end(end.reason());
      }
      model.sessions().close(end.sessionId(), EndReason.of(end.reason()));
    } else if (frame instanceof SessionUserPresence presence) {
      SessionModel session = model.sessions().get(presence.sessionId());
      if (session != null) {
        session.userPresence(presence.away(), presence.graceMs());
      }
    } else if (frame instanceof SessionTransferFailed failed) {
      SessionModel session = model.sessions().get(failed.sessionId());
      if (session != null) {
        session.transferFailed(failed.reason());
      }
    } else if (frame instanceof ErrorFrame error) {
      onError(error);
    }
  }

  private void onError(ErrorFrame error) {
    boolean loginRefused = ErrorCode.AUTH_FAILED.equals(error.code()) || ErrorCode.RATE_LIMITED.equals(error.code());
    if (!ready.isDone() && loginRefused) {
      // the first login was refused: nothing to reconnect to
      ready.completeExceptionally(LoginFailure.fromError(error.code(), error.message()));
      DispatchConnection current = dispatch;
      if (current != null) {
        current.close();
      }
      model.status().connection(DeskStatus.Connection.CLOSED);
      return;
    }
    if (ready.isDone() && ErrorCode.ALREADY_LOGGED_IN.equals(error.code())) {
      // the agent logged in somewhere else, which took over: logging in again here by ourselves would
      // take it back, and the two consoles would push each other out for ever
      LOG.info("logged in elsewhere; this console stops");
      DispatchConnection current = dispatch;
      if (current != null) {
        current.close();
      }
      model.status().problem(new DeskStatus.Problem(error.code(),
          "You logged in from another place, which took over. Log in again here to take it back."));
      model.status().connection(DeskStatus.Connection.CLOSED);
      return;
    }
    LOG.info("server refused code={} message={}", error.code(), error.message());
    model.status().problem(new DeskStatus.Problem(error.code(), error.message()));
  }

  private boolean send(Frame frame) {
    DispatchConnection current = dispatch;
    return current != null && current.send(frame);
  }

  // ---------------------------------------------------------------- sessions

  private void startSession(SessionStart start, Offer offer, long now) {
    String sessionId = start.sessionId();
    Outbound outbound = new Outbound();
    CobrowseSession cobrowse = new CobrowseSession(Side.AGENT,
        UrlPolicy.forSession(start.cobrowseHosts(), start.pageUrl()), start.pageUrl(), outbound);
    SessionModel session = new SessionModel(sessionId, start.requestId(), start.user(), start.pageUrl(),
        offer == null ? null : offer.group(), now, offer == null ? null : offer.transfer(), cobrowse);
    session.relayReason(RelayReason.of(start, login.security() != null && login.security().isTls()));
    SessionLink.Listener shown = new SessionLink.Listener() {
      private volatile String peerEndReason;

      @Override
      public void onEvent(SessionLink link, SessionEvent event) {
        if (event instanceof SessionEnd end) {
          peerEndReason = end.reason();
        }
        desk.execute(() -> {
          if (model.sessions().get(sessionId) == session) {
            session.userEvent(event, model.clock().millis());
          }
        });
      }

      @Override
      public void onStateChanged(SessionLink link, LinkState state) {
        String peerReason = peerEndReason;
        desk.execute(() -> {
          outbound.attach(link);
          if (model.sessions().get(sessionId) != session) {
            return;
          }
          session.link(state, link.path());
          if (state == LinkState.LOST) {
            // the DispatchReporter told the server
            sessionLinks.remove(sessionId);
            model.sessions().close(sessionId, EndReason.LINK_LOST);
          } else if (state == LinkState.ENDED) {
            // the user ended it over the link; free the agent's slot at the server too
            sessionLinks.remove(sessionId);
            EndReason reason = peerReason == null ? EndReason.RESOLVED : EndReason.of(peerReason);
            send(new SessionEnd(sessionId, reason.code()));
            model.sessions().close(sessionId, reason);
          }
        });
      }
    };
    DispatchConnection reportTo = dispatch;
    links.connectAsAgent(start, SessionLink.Listener.all(shown, new DispatchReporter(reportTo)))
        .whenComplete((link, failure) -> desk.execute(() -> {
          if (model.sessions().get(sessionId) != session) {
            // the session ended (and was shown) while the link was being made: let go of it
            if (link != null) {
              link.end(EndReason.RESOLVED.code());
            }
          } else if (failure != null) {
            LOG.info("no link to the user sessionId={} reason={}", sessionId, failure.getMessage());
            model.sessions().close(sessionId, EndReason.LINK_LOST);
          } else {
            sessionLinks.put(sessionId, link);
          }
        }));
    // shown after the dial has started: opening the tab builds its page view on this (the UI) thread,
    // the first one of the process starting JavaFX, which took longer than the user's wait for the
    // direct link under load (the session went through the relay); what the link reports comes
    // through desk.execute, after this
    model.sessions().open(session);
  }

  /** Where a session's co-browse model sends: the link once known; what comes earlier waits for it. */
  private static final class Outbound implements Consumer<SessionEvent> {
    private SessionLink link;
    private List<SessionEvent> early = new ArrayList<>();

    @Override
    public void accept(SessionEvent event) {
      if (link != null) {
        link.send(event);
      } else {
        early.add(event);
      }
    }

    void attach(SessionLink next) {
      if (link == null) {
        link = next;
        early.forEach(next::send);
        early = List.of();
      }
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  @Override
  public void close() {
    DispatchConnection current = dispatch;
    if (current != null) {
      current.close();
    }
    runtime.close();
  }
}
