package io.webassist.client;

import io.webassist.cobrowse.PageState;
import io.webassist.cobrowse.Side;
import io.webassist.cobrowse.UrlPolicy;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.link.cobrowse.CobrowseBinding;
import io.webassist.link.dispatch.DispatchConnection;
import io.webassist.link.session.DispatchReporter;
import io.webassist.link.session.LinkState;
import io.webassist.link.session.PeerListener;
import io.webassist.link.session.SessionLink;
import io.webassist.link.session.SessionLinks;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionEvent;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.SupportRequest;
import io.webassist.protocol.frame.SupportUnavailable;
import java.util.concurrent.CompletableFuture;
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
 */
public final class AssistClient implements AutoCloseable {

  private final AssistRequest request;
  private final ClientView view;
  private final TransportSecurity security;
  private final LinkRuntime runtime = LinkRuntime.create();
  private final SessionLinks links;
  private final CompletableFuture<SessionLink> sessionLink = new CompletableFuture<>();
  private DispatchConnection dispatch;
  private PeerListener listener;
  private CobrowseBinding cobrowse;

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
            .connect()
            .thenApply(connected -> dispatch = connected);
    return listening.thenAcceptBoth(connecting, (opened, connected) -> {
      connected.send(new SupportRequest(request.name(), request.phone(), request.customerId(),
          request.pageUrl(), opened.endpoint(), request.customerSignature(), opened.fingerprint()));
      view.status("Request sent; waiting for an agent");
    });
  }

  /** The link to the agent once it is up. */
  public CompletableFuture<SessionLink> sessionLink() {
    return sessionLink;
  }

  /** Runs an action on the co-browse model (chat, consent, scroll …) on the link thread. */
  public void act(Consumer<io.webassist.cobrowse.CobrowseSession> action) {
    if (cobrowse != null) {
      cobrowse.act(action);
    } else {
      view.status("No agent yet; please wait");
    }
  }

  public void end(String reason) {
    sessionLink.thenAccept(link -> link.end(reason));
  }

  private void onDispatchFrame(Frame frame) {
    if (frame instanceof SupportQueued queued) {
      view.queued(queued.position(), queued.reason());
    } else if (frame instanceof SupportAssigned assigned) {
      onAssigned(assigned);
    } else if (frame instanceof SupportUnavailable unavailable) {
      view.ended("no agent can help now (" + unavailable.reason() + ")");
    } else if (frame instanceof SessionEnd end) {
      view.ended(end.reason());
    } else if (frame instanceof ErrorFrame error) {
      view.status("The server refused: " + error.message());
    }
  }

  private void onAssigned(SupportAssigned assigned) {
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
        if (event instanceof ChatMessage chat) {
          view.chat(agentName, chat.text());
        } else if (event instanceof SessionEnd end) {
          view.ended(end.reason());
        }
      }

      @Override
      public void onStateChanged(SessionLink link, LinkState state) {
        switch (state) {
          case UP -> view.linked(link.path());
          case RECOVERING -> view.status("Connection to the agent lost; reconnecting …");
          case LOST -> view.ended("the connection to the agent was lost");
          default -> { }
        }
      }
    };
    links.acceptAsUser(listener, assigned, SessionLink.Listener.all(cobrowse, shown, new DispatchReporter(dispatch)))
        .whenComplete((link, failure) -> {
          if (failure != null) {
            view.ended("could not link to the agent: " + failure.getMessage());
            sessionLink.completeExceptionally(failure);
          } else {
            sessionLink.complete(link);
          }
        });
  }

  @Override
  public void close() {
    if (dispatch != null) {
      dispatch.close();
    }
    if (listener != null) {
      listener.close();
    }
    runtime.close();
  }
}
