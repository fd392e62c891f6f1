package io.webassist.console;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.PageState;
import io.webassist.cobrowse.Side;
import io.webassist.cobrowse.UrlPolicy;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.link.cobrowse.CobrowseBinding;
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
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.OfferAccept;
import io.webassist.protocol.frame.OfferDecline;
import io.webassist.protocol.frame.OfferWithdrawn;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionEvent;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportOffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The agent's side (claims 73–76, 88–110): logs in, receives offers, accepts them, opens the user's
 * page, dials the user's IP (relay when that fails) and binds the shared co-browse model to each
 * session's link. UI-free: it reports to a {@link DeskView}. State is touched on the link thread only.
 * With TLS the dispatch connection and the relay are pinned to the server's fingerprint and each
 * direct dial to the fingerprint of the user's listener that {@code session.start} carries.
 */
public final class AgentDesk implements AutoCloseable {

  private final String host;
  private final int port;
  private final String agentId;
  private final String secret;
  private final DeskView view;
  private final TransportSecurity security;
  private final LinkRuntime runtime = LinkRuntime.create();
  private final SessionLinks links;
  private final CompletableFuture<AgentReady> ready = new CompletableFuture<>();
  // link thread only
  private final Map<String, SupportOffer> offers = new LinkedHashMap<>();
  private final Map<String, CobrowseBinding> sessions = new LinkedHashMap<>();
  private final Map<String, SessionLink> sessionLinks = new LinkedHashMap<>();
  private DispatchConnection dispatch;
  // what the agent chose last; restored after every (re)login
  private volatile Availability availability = Availability.AVAILABLE;

  public AgentDesk(String host, int port, String agentId, String secret, TransportSecurity security, DeskView view) {
    this.host = host;
    this.port = port;
    this.agentId = agentId;
    this.secret = secret;
    this.security = security;
    this.view = view;
    this.links = new SessionLinks(runtime, security);
  }

  /** Connects and logs in; completes with {@code agent.ready}, or fails on a refused login. */
  public CompletableFuture<AgentReady> start() {
    view.status("Connecting to " + host + ":" + port + " …");
    DispatchConnection.builder(runtime, host, port, Role.AGENT)
        .security(security)
        .client("webassist-console")
        .onFrame(this::onDispatchFrame)
        .onState(this::onConnectionState)
        .reconnect(Backoff.DEFAULT)
        .connect()
        .whenComplete((connection, failure) -> {
          if (failure != null) {
            ready.completeExceptionally(failure);
          } else {
            dispatch = connection;
            dispatch.send(new AgentLogin(agentId, secret));
          }
        });
    return ready;
  }

  public void accept(String requestIdOrNull) {
    runtime.execute(() -> withOffer(requestIdOrNull, offer -> dispatch.send(new OfferAccept(offer.requestId()))));
  }

  public void decline(String requestIdOrNull) {
    runtime.execute(() -> withOffer(requestIdOrNull, offer -> {
      offers.remove(offer.requestId());
      dispatch.send(new OfferDecline(offer.requestId()));
    }));
  }

  public void setAvailable(boolean available) {
    availability = available ? Availability.AVAILABLE : Availability.AWAY;
    runtime.execute(() -> dispatch.send(new AgentStatus(availability)));
  }

  /** Runs an action on the newest session's co-browse model (chat, navigate, highlight …). */
  public void act(Consumer<CobrowseSession> action) {
    runtime.execute(() -> {
      CobrowseBinding newest = newest(sessions);
      if (newest == null) {
        view.status("No session yet");
      } else {
        newest.act(action);
      }
    });
  }

  /** Ends the newest session. */
  public void endSession(String reason) {
    runtime.execute(() -> {
      String sessionId = newestKey(sessionLinks);
      if (sessionId != null) {
        sessionLinks.remove(sessionId).end(reason);
        sessions.remove(sessionId);
        dispatch.send(new SessionEnd(sessionId, reason));
        view.sessionEnded(sessionId, reason);
      }
    });
  }

  private void onConnectionState(ConnectionState state) {
    if (state == ConnectionState.RECONNECTING) {
      view.status("Lost the dispatch server; reconnecting …");
      forgetWhatTheServerTookBack();
    } else if (state == ConnectionState.CONNECTED && dispatch != null) {
      dispatch.send(new AgentLogin(agentId, secret)); // a reconnect needs a fresh login
    }
  }

  /**
   * Without its agent's connection the server withdraws the offers and ends the sessions (their
   * users go back to the front of the queue); the withdrawals went to the dead connection, so the
   * console lets go of them itself instead of offering stale choices after the reconnect.
   */
  private void forgetWhatTheServerTookBack() {
    offers.keySet().forEach(requestId -> view.offerGone(requestId, "connection_lost"));
    offers.clear();
    for (String sessionId : List.copyOf(sessions.keySet())) {
      sessions.remove(sessionId);
      SessionLink link = sessionLinks.remove(sessionId);
      if (link != null) {
        link.end("agent_left");
      }
      view.sessionEnded(sessionId, "connection to the dispatch server lost; the user is back in the queue");
    }
  }

  private void onDispatchFrame(Frame frame) {
    if (frame instanceof AgentReady agentReady) {
      Availability chosen = availability;
      dispatch.send(new AgentStatus(chosen));
      view.status("Logged in as " + agentReady.displayName() + ", groups " + agentReady.groups() + "; " + chosen.wireName());
      ready.complete(agentReady);
    } else if (frame instanceof SupportOffer offer) {
      offers.put(offer.requestId(), offer);
      view.offer(offer);
    } else if (frame instanceof OfferWithdrawn withdrawn) {
      offers.remove(withdrawn.requestId());
      view.offerGone(withdrawn.requestId(), withdrawn.reason());
    } else if (frame instanceof SessionStart start) {
      offers.remove(start.requestId());
      startSession(start);
    } else if (frame instanceof SessionEnd end && end.sessionId() != null) {
      SessionLink link = sessionLinks.remove(end.sessionId());
      boolean open = sessions.remove(end.sessionId()) != null;
      if (link != null) {
        link.end(end.reason());
      }
      if (open) {
        view.sessionEnded(end.sessionId(), end.reason());
      }
    } else if (frame instanceof ErrorFrame error) {
      if (ErrorCode.AUTH_FAILED.equals(error.code())) {
        ready.completeExceptionally(new IllegalStateException("login refused: " + error.message()));
      }
      view.status("The server refused: " + error.message());
    }
  }

  private void startSession(SessionStart start) {
    view.sessionStarted(start);
    String sessionId = start.sessionId();
    CobrowseBinding binding = new CobrowseBinding(runtime, Side.AGENT,
        UrlPolicy.forSession(start.cobrowseHosts(), start.pageUrl()), start.pageUrl());
    binding.model().addNoticeListener(notice -> view.notice(sessionId, notice));
    binding.model().page().addListener((page, change) -> describeUserActivity(sessionId, page, change));
    sessions.put(sessionId, binding);
    String userName = start.user().name() != null ? start.user().name() : "user";
    SessionLink.Listener shown = new SessionLink.Listener() {
      @Override
      public void onEvent(SessionLink link, SessionEvent event) {
        if (event instanceof ChatMessage chat) {
          view.chat(sessionId, userName, chat.text());
        }
      }

      @Override
      public void onStateChanged(SessionLink link, LinkState state) {
        if (state == LinkState.UP) {
          view.linked(sessionId, link.path());
        } else if ((state == LinkState.LOST || state == LinkState.ENDED) && sessions.remove(sessionId) != null) {
          // not yet told: the link ended from the user's side or was lost; free the agent's slot
          sessionLinks.remove(sessionId);
          if (state == LinkState.ENDED) {
            dispatch.send(new SessionEnd(sessionId, "ended_by_user"));
          }
          view.sessionEnded(sessionId, state == LinkState.LOST ? "link_lost" : "ended by the user");
        }
      }
    };
    links.connectAsAgent(start, SessionLink.Listener.all(binding, shown, new DispatchReporter(dispatch)))
        .whenComplete((link, failure) -> {
          if (!sessions.containsKey(sessionId)) {
            // the session ended (and was shown) while the link was being made: let go of it
            if (link != null) {
              link.end("ended");
            }
          } else if (failure != null) {
            sessions.remove(sessionId);
            view.sessionEnded(sessionId, "could not link to the user: " + failure.getMessage());
          } else {
            sessionLinks.put(sessionId, link);
          }
        });
  }

  private void describeUserActivity(String sessionId, PageState page, PageState.Change change) {
    switch (change) {
      case URL -> view.userActivity(sessionId, "page is now " + page.url());
      case SCROLL -> view.userActivity(sessionId, "scrolled to " + page.scrollX() + "," + page.scrollY());
      case CLICK -> view.userActivity(sessionId, "clicked " + page.remoteClick());
      case FIELD -> view.userActivity(sessionId, "typed in a form: " + page.fields());
      // consent changes reach the view as the model's notices
      default -> { }
    }
  }

  private void withOffer(String requestIdOrNull, Consumer<SupportOffer> action) {
    SupportOffer offer = requestIdOrNull == null ? newest(offers) : offers.get(requestIdOrNull);
    if (offer == null) {
      view.status(requestIdOrNull == null ? "No offer waiting" : "No offer " + requestIdOrNull);
    } else {
      action.accept(offer);
    }
  }

  private static <V> V newest(Map<String, V> map) {
    String key = newestKey(map);
    return key == null ? null : map.get(key);
  }

  private static String newestKey(Map<String, ?> map) {
    String last = null;
    for (String key : map.keySet()) {
      last = key;
    }
    return last;
  }

  @Override
  public void close() {
    if (dispatch != null) {
      dispatch.close();
    }
    runtime.close();
  }
}
