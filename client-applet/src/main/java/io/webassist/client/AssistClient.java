package io.webassist.client;

import io.webassist.client.page.PageBridge;
import io.webassist.cobrowse.PageState;
import io.webassist.cobrowse.Side;
import io.webassist.cobrowse.UrlPolicy;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.app.CobrowseBinding;
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
import io.webassist.protocol.frame.SupportCancel;
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
 * State is touched on the link thread only. The view gets codes ({@link ConnectionPhase},
 * {@link EndReason}, {@link UnavailableReason}) and the session's model, never sentences.
 */
public final class AssistClient implements AutoCloseable {

  private final AssistRequest request;
  private final ClientView view;
  private final TransportSecurity security;
  private final LinkRuntime runtime = LinkRuntime.create();
  private final SessionLinks links;
  private final CompletableFuture<SessionLink> firstLink = new CompletableFuture<>();
  private DispatchConnection dispatch;
  private PeerListener listener;
  private volatile CobrowseBinding cobrowse;
  private volatile PageBridge pageBridge; // the person's own browser tab, when the page passed a key
  // link thread only
  private SessionLink currentLink;
  private String currentSessionId;
  private String currentToken;
  private String requestId; // set by the first support.queued: the server took the request
  private boolean requestSent; // the first request went out: a reconnect may ask again or reclaim
  private boolean reclaiming;
  private boolean everConnected;
  private boolean lostDispatch;
  private boolean wantHelp = true; // false once the person cancelled or left, or the help ended for good

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
    view.connection(ConnectionPhase.CONNECTING);
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
            view.connection(ConnectionPhase.REQUEST_SENT);
          }
        }, runtime::execute);
  }

  /**
   * Pairs this client with the person's browser tab by the key its launch file passed
   * ({@code --page-key}); call before {@link #start}. See {@link PageBridge}.
   */
  public AssistClient pageKey(String key) {
    if (key != null && !key.isBlank()) {
      pageBridge = new PageBridge(key, frame -> dispatch.send(frame), view::status);
    }
    return this;
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

  /**
   * The person is done: ends the session (the agent and the dispatch server are told {@code reason})
   * or withdraws the waiting request. Completes on the link thread once the goodbyes are written
   * out, so that closing the client afterwards loses none of them.
   */
  public CompletableFuture<Void> leave(EndReason reason) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    runtime.execute(() -> {
      wantHelp = false;
      if (currentSessionId != null) {
        String sessionId = currentSessionId;
        if (currentLink != null) {
          currentLink.end(reason.code());
        }
        if (dispatch != null) {
          dispatch.send(new SessionEnd(sessionId, reason.code()));
        }
        currentLink = null;
        currentSessionId = null;
        cobrowse = null;
        view.ended(reason);
      } else if (requestId != null && dispatch != null) {
        dispatch.send(new SupportCancel(requestId));
      }
      // queued behind the goodbyes on the link thread: they were handed to the wire first
      runtime.execute(() -> done.complete(null));
    });
    return done;
  }

  /** Withdraws the waiting request ({@code support.cancel}); the server answers {@code support.unavailable}. */
  public void cancel() {
    runtime.execute(() -> {
      wantHelp = false;
      if (requestId != null && currentSessionId == null && dispatch != null) {
        dispatch.send(new SupportCancel(requestId));
      }
    });
  }

  /** After an end, a cancel or an unavailable answer: the same request once more. */
  public void askAgain() {
    runtime.execute(() -> {
      if (currentSessionId != null || dispatch == null) {
        return;
      }
      wantHelp = true;
      if (dispatch.state() == ConnectionState.CONNECTED) {
        sendRequest();
        view.connection(ConnectionPhase.REQUEST_SENT);
      } // else: sent when the connection is back (onDispatchState)
    });
  }

  private void sendRequest() {
    requestSent = true;
    reclaiming = false;
    requestId = null;
    PeerListener peer = listener != null && listener.isListening() ? listener : null;
    dispatch.send(new SupportRequest(request.name(), request.phone(), request.customerId(), request.pageUrl(),
        peer == null ? null : peer.endpoint(), request.customerSignature(), peer == null ? null : peer.fingerprint(),
        pageBridge == null ? null : pageBridge.pageKey()));
  }

  private void onDispatchState(ConnectionState state) {
    switch (state) {
      case RECONNECTING -> {
        lostDispatch = true;
        view.connection(ConnectionPhase.RECONNECTING);
      }
      case CONNECTED -> {
        if (everConnected && lostDispatch && currentSessionId != null && requestId != null && currentToken != null) {
          // the server keeps the session for a grace period: take it up again rather than ask anew
          reclaiming = true;
          dispatch.send(new SupportReclaim(requestId, currentSessionId, currentToken));
          view.connection(ConnectionPhase.RECONNECTED);
        } else if (everConnected && lostDispatch && currentSessionId == null && wantHelp && requestSent) {
          sendRequest();
          view.connection(ConnectionPhase.RECONNECTED_ASKED_AGAIN);
        } else if (everConnected && lostDispatch) {
          view.connection(ConnectionPhase.RECONNECTED);
        }
        everConnected = true;
        lostDispatch = false;
      }
      case CLOSED -> view.connection(ConnectionPhase.DISCONNECTED);
      default -> { }
    }
  }

  private void onDispatchFrame(Frame frame) {
    if (pageBridge != null && pageBridge.onDispatchFrame(frame)) {
      return;
    }
    if (frame instanceof SupportQueued queued) {
      requestId = queued.requestId();
      if (!wantHelp) {
        dispatch.send(new SupportCancel(requestId)); // cancelled before the server had answered
        return;
      }
      view.queued(new QueueSpot(queued.position(), queued.estimatedWaitMs(),
          queued.reason() == null ? null : EndReason.of(queued.reason())));
    } else if (frame instanceof SupportAssigned assigned) {
      onAssigned(assigned);
    } else if (frame instanceof SupportUnavailable unavailable && reclaiming) {
      reclaimRefused(UnavailableReason.of(unavailable.reason()) == UnavailableReason.SESSION_ENDED);
    } else if (frame instanceof SupportUnavailable unavailable) {
      requestId = null;
      wantHelp = false; // until the person asks again
      view.unavailable(UnavailableReason.of(unavailable.reason()));
    } else if (frame instanceof SessionEnd end) {
      endCurrentSession(end.sessionId(), end.reason());
    } else if (frame instanceof ErrorFrame error && reclaiming
        && (ErrorCode.BAD_TOKEN.equals(error.code()) || ErrorCode.UNKNOWN_SESSION.equals(error.code()))) {
      reclaimRefused(false);
    } else if (frame instanceof ErrorFrame error) {
      if (requestId == null && currentSessionId == null) {
        // the request itself was refused (a limit, bad input): there is nothing left to wait for
        wantHelp = false;
        view.refused(error.code(), error.message());
      } else {
        view.status("The server refused: " + error.message());
      }
    }
  }

  /** The server did not keep the session: it is over ({@code over}), or the grace ran out and we ask again. */
  private void reclaimRefused(boolean over) {
    reclaiming = false;
    String sessionId = currentSessionId;
    endCurrentSession(sessionId, over ? UnavailableReason.SESSION_ENDED.code() : EndReason.USER_LEFT.code());
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
    if (pageBridge != null) {
      pageBridge.detach();
    }
    EndReason why = EndReason.of(reason);
    if (ClientView.isFinal(why)) {
      wantHelp = false; // the help is over: a reconnect must not ask again on its own
    }
    view.ended(why);
    if (why == EndReason.USER_LEFT && wantHelp && dispatch != null && dispatch.state() == ConnectionState.CONNECTED) {
      sendRequest();
      view.connection(ConnectionPhase.ASKING_AGAIN);
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
    cobrowse = new CobrowseBinding(runtime, Side.USER,
        UrlPolicy.forSession(assigned.cobrowseHosts(), request.pageUrl()), request.pageUrl());
    view.assigned(agentName, cobrowse.model());
    cobrowse.model().addNoticeListener(view::notice);
    cobrowse.model().page().addListener((page, change) -> {
      // the person's own tab follows by itself once the page bridge has it; else the window offers the address
      boolean tabFollows = pageBridge != null && pageBridge.pageConnected();
      if ((change == PageState.Change.URL || change == PageState.Change.SNAPSHOT) && !tabFollows) {
        view.pageChanged(page.url());
      }
    });
    SessionLink.Listener shown = new SessionLink.Listener() {
      @Override
      public void onEvent(SessionLink link, SessionEvent event) {
        if (!link.sessionId().equals(currentSessionId)) {
          return; // a link of a session the server already ended
        }
        if (event instanceof SessionEnd end) {
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
          case UP, RECOVERING -> view.linkChanged(state, link.path());
          case LOST -> {
            currentLink = null;
            currentSessionId = null;
            wantHelp = false;
            view.ended(EndReason.LINK_LOST);
          }
          default -> { }
        }
      }
    };
    // the listener admits one agent only; a later session (after a re-queue) meets on the relay
    PeerListener peer = listener != null && listener.isListening() ? listener : null;
    SessionLink.Listener page = SessionLink.Listener.all();
    if (pageBridge != null) {
      pageBridge.attach(cobrowse.model());
      page = pageBridge;
    }
    links.acceptAsUser(peer, assigned, SessionLink.Listener.all(cobrowse, shown, new DispatchReporter(dispatch), page))
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
