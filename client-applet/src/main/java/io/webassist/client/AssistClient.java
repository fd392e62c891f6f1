package io.webassist.client;

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
import io.webassist.link.session.PeerListener;
import io.webassist.link.session.SessionLink;
import io.webassist.link.session.SessionLinks;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionEvent;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.SupportReclaim;
import io.webassist.protocol.frame.SupportRequest;
import io.webassist.protocol.frame.SupportUnavailable;
import io.webassist.protocol.frame.UnavailableReason;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The user's side of a support request (claims 72, 80, 88): opens the peer listener, sends the
 * request with what the page knows, follows the queue, lets the agent link in (or meets it on the
 * relay) and binds the shared co-browse model to that link. UI-free: it reports to a {@link ClientView}.
 *
 * <p>With TLS the dispatch connection is pinned to the server's fingerprint, and the peer listener
 * gets a certificate made for this session alone, whose fingerprint goes in
 * {@code support.request.peerFingerprint} so that the agent can pin it. The listener's key is made
 * while the dispatch connection is being opened, so the first (slow) key costs the user no time.
 *
 * <p>A lost connection is not a lost request: the dispatch connection reconnects with back-off and,
 * while no agent has taken the request, asks again (the server's queue did not survive with it);
 * during a session it reclaims the session ({@code support.reclaim} with the session's token: the
 * server kept it for a grace period) and asks again only if the server says the grace is over. If
 * the agent goes away mid-session the server puts the request back at the front of its queue; the
 * next session links through the relay, since the peer listener served the first agent and closed.
 * State is touched on the link thread only.
 */
public final class AssistClient implements AutoCloseable {

  /** The server's reason when it lost the user's connection (not the user's choice). */
  private static final String USER_LEFT = "user_left";

  private final AssistRequest request;
  private final ClientView view;
  private final TransportSecurity security;
  private final LinkRuntime runtime = LinkRuntime.create();
  private final SessionLinks links;
  private final CompletableFuture<SessionLink> firstLink = new CompletableFuture<>();
  private DispatchConnection dispatch;
  private PeerListener listener;
  private volatile CobrowseBinding cobrowse;
  // link thread only
  private SessionLink currentLink;
  private String currentSessionId;
  private String currentToken;
  private String requestId; // set by the first support.queued: the server took the request
  private boolean requestSent; // the first request went out: a reconnect may ask again or reclaim
  private boolean reclaiming;
  private boolean everConnected;
  private boolean lostDispatch;

  public AssistClient(AssistRequest request, TransportSecurity security, ClientView view) {
    this.request = request;
    this.security = security;
    this.view = view;
    this.links = new SessionLinks(runtime, security);
  }

  /** Connects and sends the request; completes when the request is on its way. */
  public CompletableFuture<Void> start() {
    view.status("Connecting to " + request.serverHost() + ":" + request.serverPort()
        + (security.isTls() ? " …" : " without encryption (--insecure) …"));
    CompletableFuture<PeerListener> listening = links.openPeerListener(request.peerBindHost())
        .thenApply(opened -> listener = opened);
    CompletableFuture<DispatchConnection> connecting =
        DispatchConnection.builder(runtime, request.serverHost(), request.serverPort(), Role.USER)
            .security(security)
            .client("webassist-client")
            .onFrame(this::onDispatchFrame)
            .onState(this::onDispatchState)
            .reconnect(Backoff.DEFAULT)
            .connect()
            .thenApply(connected -> dispatch = connected);
    // on the link thread, where the reconnect handler runs: a drop while the first key is being made
    // must not send the request twice (once on reconnect, once here)
    return listening.thenAcceptBoth(connecting, (opened, connected) -> { })
        .thenRunAsync(() -> {
          if (!requestSent) {
            sendRequest();
            view.status("Request sent; waiting for an agent");
          }
        }, runtime::execute);
  }

  /** The first link to an agent, once it is up. */
  public CompletableFuture<SessionLink> sessionLink() {
    return firstLink;
  }

  /** Runs an action on the co-browse model (chat, consent, scroll …) on the link thread. */
  public void act(Consumer<io.webassist.cobrowse.CobrowseSession> action) {
    if (cobrowse != null) {
      cobrowse.act(action);
    } else {
      view.status("No agent yet; please wait");
    }
  }

  /** Ends the current session, if there is one. */
  public void end(String reason) {
    runtime.execute(() -> {
      if (currentLink != null) {
        currentLink.end(reason);
      }
    });
  }

  private void sendRequest() {
    requestSent = true;
    reclaiming = false;
    requestId = null;
    PeerListener peer = listener != null && listener.isListening() ? listener : null;
    dispatch.send(new SupportRequest(request.name(), request.phone(), request.customerId(), request.pageUrl(),
        peer == null ? null : peer.endpoint(), request.customerSignature(), peer == null ? null : peer.fingerprint()));
  }

  private void onDispatchState(ConnectionState state) {
    switch (state) {
      case RECONNECTING -> {
        lostDispatch = true;
        view.status("Lost the connection to the help desk; reconnecting …");
      }
      case CONNECTED -> {
        if (everConnected && lostDispatch && currentSessionId != null && requestId != null && currentToken != null) {
          reclaiming = true;
          dispatch.send(new SupportReclaim(requestId, currentSessionId, currentToken));
          view.status("Reconnected to the help desk; taking up your session again");
        } else if (everConnected && lostDispatch && requestSent) {
          sendRequest();
          view.status("Reconnected; your request is back in the queue");
        }
        everConnected = true;
        lostDispatch = false;
      }
      case CLOSED -> view.status("Disconnected from the help desk");
      default -> { }
    }
  }

  private void onDispatchFrame(Frame frame) {
    if (frame instanceof SupportQueued queued) {
      requestId = queued.requestId();
      view.queued(queued.position(), queued.reason());
    } else if (frame instanceof SupportAssigned assigned) {
      onAssigned(assigned);
    } else if (frame instanceof SupportUnavailable unavailable && reclaiming) {
      reclaimRefused(UnavailableReason.of(unavailable.reason()) == UnavailableReason.SESSION_ENDED);
    } else if (frame instanceof SupportUnavailable unavailable) {
      view.ended("no agent can help now (" + unavailable.reason() + ")");
    } else if (frame instanceof SessionEnd end) {
      endCurrentSession(end.sessionId(), end.reason());
    } else if (frame instanceof ErrorFrame error && reclaiming
        && (ErrorCode.BAD_TOKEN.equals(error.code()) || ErrorCode.UNKNOWN_SESSION.equals(error.code()))) {
      reclaimRefused(false);
    } else if (frame instanceof ErrorFrame error) {
      if (requestId == null && currentSessionId == null) {
        // the request itself was refused (a limit, bad input): there is nothing left to wait for
        view.ended("the help desk refused the request: " + error.message());
      } else {
        view.status("The server refused: " + error.message());
      }
    }
  }

  /** The server did not keep the session: it is over ({@code over}), or the grace ran out and we ask again. */
  private void reclaimRefused(boolean over) {
    reclaiming = false;
    String sessionId = currentSessionId;
    endCurrentSession(sessionId, over ? "session_ended" : USER_LEFT);
  }

  /**
   * The server ended the session (the agent left or ended it): drop its link and say why. If the
   * server ended it because it lost this client's connection ({@code user_left}) — which the user
   * did not choose — ask again rather than leave the user with nothing.
   */
  private void endCurrentSession(String sessionId, String reason) {
    if (sessionId != null && !sessionId.equals(currentSessionId)) {
      return;
    }
    if (currentLink != null) {
      currentLink.end(reason);
    }
    currentLink = null;
    currentSessionId = null;
    currentToken = null;
    cobrowse = null;
    view.ended(reason);
    if (USER_LEFT.equals(reason) && dispatch != null && dispatch.state() == ConnectionState.CONNECTED) {
      sendRequest();
      view.status("Your connection to the help desk dropped; asking for help again");
    }
  }

  private void onAssigned(SupportAssigned assigned) {
    if (assigned.sessionId().equals(currentSessionId)) {
      reclaiming = false; // the answer to support.reclaim: the session and its link go on
      view.status("Reconnected to the help desk; your session goes on");
      return;
    }
    if (currentLink != null) {
      currentLink.end("transferred"); // a colleague took over: the new agent links to us
      currentLink = null;
    }
    currentSessionId = assigned.sessionId();
    currentToken = assigned.token();
    String agentName = assigned.agent().displayName() != null ? assigned.agent().displayName() : assigned.agent().id();
    view.assigned(agentName);
    cobrowse = new CobrowseBinding(runtime, Side.USER,
        UrlPolicy.forSession(assigned.cobrowseHosts(), request.pageUrl()), request.pageUrl());
    cobrowse.model().addNoticeListener(view::notice);
    cobrowse.model().page().addListener((page, change) -> {
      if (change == PageState.Change.URL || change == PageState.Change.SNAPSHOT) {
        view.pageChanged(page.url());
      }
    });
    SessionLink.Listener shown = new SessionLink.Listener() {
      @Override
      public void onEvent(SessionLink link, SessionEvent event) {
        if (!link.sessionId().equals(currentSessionId)) {
          return; // a link of a session the server already ended
        }
        if (event instanceof ChatMessage chat) {
          view.chat(agentName, chat.text());
        } else if (event instanceof SessionEnd end) {
          currentLink = null; // the agent ended the link; nothing to end here
          endCurrentSession(link.sessionId(), end.reason());
        }
      }

      @Override
      public void onStateChanged(SessionLink link, LinkState state) {
        if (!link.sessionId().equals(currentSessionId)) {
          return;
        }
        switch (state) {
          case UP -> view.linked(link.path());
          case RECOVERING -> view.status("Connection to the agent lost; reconnecting …");
          case LOST -> {
            currentLink = null;
            currentSessionId = null;
            view.ended("the connection to the agent was lost");
          }
          default -> { }
        }
      }
    };
    // the listener admits one agent only; a later session (after a re-queue) meets on the relay
    PeerListener peer = listener != null && listener.isListening() ? listener : null;
    links.acceptAsUser(peer, assigned, SessionLink.Listener.all(cobrowse, shown, new DispatchReporter(dispatch)))
        .whenComplete((link, failure) -> {
          if (failure != null) {
            firstLink.completeExceptionally(failure); // no-op once a first link was up
          }
          if (!assigned.sessionId().equals(currentSessionId)) {
            if (link != null) {
              link.end("superseded");
            }
            return;
          }
          if (failure == null) {
            currentLink = link;
            firstLink.complete(link);
          }
        });
  }

  /**
   * A deliberate close is not a dropped connection: the server would keep the session for the
   * reclaim grace, so it is told now ({@code session.end{reason:"user_left"}}) and the agent hears
   * it at once. Waits a moment for the frame to be on its way.
   */
  private void sayGoodbye() {
    CompletableFuture<Void> said = new CompletableFuture<>();
    runtime.onLinkThread(() -> {
      if (currentSessionId != null && dispatch != null) {
        dispatch.send(new SessionEnd(currentSessionId, EndReason.USER_LEFT.code()));
      }
      said.complete(null);
    });
    try {
      said.get(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // the runtime is closed already: there is nothing to say goodbye on
    }
  }

  @Override
  public void close() {
    sayGoodbye();
    if (dispatch != null) {
      dispatch.close();
    }
    if (listener != null) {
      listener.close();
    }
    runtime.close();
  }
}
