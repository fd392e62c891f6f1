package io.webassist.client.ui;

import static org.awaitility.Awaitility.await;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.Side;
import io.webassist.cobrowse.UrlPolicy;
import io.webassist.link.LinkRuntime;
import io.webassist.link.TransportSecurity;
import io.webassist.app.CobrowseBinding;
import io.webassist.link.dispatch.DispatchConnection;
import io.webassist.link.session.SessionLink;
import io.webassist.link.session.SessionLinks;
import io.webassist.protocol.frame.AgentLogin;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.AgentStatus;
import io.webassist.protocol.frame.Availability;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.OfferAccept;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionEvent;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportOffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An agent played by the link library, as the console would: logs in, takes offers, links to the
 * user and drives the same shared co-browse model ({@link CobrowseSession}) the console uses.
 */
final class TestAgent implements AutoCloseable {

  private final LinkRuntime runtime = LinkRuntime.create();
  private final TransportSecurity security;
  final List<Frame> fromServer = new CopyOnWriteArrayList<>();
  final List<SessionEvent> fromUser = new CopyOnWriteArrayList<>();
  private final DispatchConnection dispatch;
  private volatile CobrowseBinding binding;
  private volatile SessionLink link;

  private TestAgent(HelpDesk desk) {
    this.security = desk.security();
    this.dispatch = DispatchConnection.builder(runtime, "127.0.0.1", desk.port(), Role.AGENT)
        .security(security).onFrame(fromServer::add).connect().join();
  }

  /** Bob, logged in and available. */
  static TestAgent available(HelpDesk desk) {
    TestAgent agent = new TestAgent(desk);
    agent.dispatch.send(new AgentLogin("bob", HelpDesk.PASSWORD));
    agent.awaitFromServer(AgentReady.class);
    agent.dispatch.send(new AgentStatus(Availability.AVAILABLE, null));
    return agent;
  }

  <T extends Frame> T awaitFromServer(Class<T> type) {
    return await().atMost(Duration.ofSeconds(20)).until(() -> latest(type), f -> f != null);
  }

  /** The latest frame of {@code type} from the server, or null. */
  <T extends Frame> T latest(Class<T> type) {
    T found = null;
    for (Frame frame : fromServer) {
      if (type.isInstance(frame)) {
        found = type.cast(frame);
      }
    }
    return found;
  }

  /** Takes the offer after the first {@code offersBefore} and links to the user; returns the offer. */
  SupportOffer acceptNextOffer(int offersBefore) {
    SupportOffer offer = await().atMost(Duration.ofSeconds(20)).until(
        () -> fromServer.stream().filter(SupportOffer.class::isInstance).map(SupportOffer.class::cast)
            .skip(offersBefore).findFirst().orElse(null), o -> o != null);
    long startsBefore = fromServer.stream().filter(SessionStart.class::isInstance).count();
    dispatch.send(new OfferAccept(offer.requestId()));
    SessionStart start = await().atMost(Duration.ofSeconds(20)).until(
        () -> fromServer.stream().filter(SessionStart.class::isInstance).map(SessionStart.class::cast)
            .skip(startsBefore).findFirst().orElse(null), s -> s != null);
    CobrowseBinding next = new CobrowseBinding(runtime, Side.AGENT,
        UrlPolicy.forSession(start.cobrowseHosts(), start.pageUrl()), start.pageUrl());
    binding = next;
    SessionLink.Listener recorder = new SessionLink.Listener() {
      @Override
      public void onEvent(SessionLink l, SessionEvent event) {
        fromUser.add(event);
      }
    };
    try {
      link = new SessionLinks(runtime, security).connectAsAgent(start, SessionLink.Listener.all(next, recorder))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the agent could not link to the user", e);
    }
    return offer;
  }

  int offersSoFar() {
    return (int) fromServer.stream().filter(SupportOffer.class::isInstance).count();
  }

  /** Runs {@code action} on the agent's model on the link thread, where it lives. */
  void act(java.util.function.Consumer<CobrowseSession> action) {
    binding.act(action);
  }

  /** Reads the agent's model on the link thread. */
  <T> T read(Function<CobrowseSession, T> reader) {
    CompletableFuture<T> value = new CompletableFuture<>();
    binding.act(model -> value.complete(reader.apply(model)));
    return value.join();
  }

  /** Ends the session as the console's End button does: on the link and to the server. */
  void endSession(String reason) {
    SessionLink current = link;
    current.end(reason);
    dispatch.send(new SessionEnd(current.sessionId(), reason));
  }

  /** Whether the user ended the session: on the link, or through the server. */
  boolean sawSessionEnd() {
    return fromUser.stream().anyMatch(SessionEnd.class::isInstance)
        || fromServer.stream().anyMatch(SessionEnd.class::isInstance);
  }

  /** The agent's console goes away without a word (crash, network cut). */
  void vanish() {
    dispatch.close();
    SessionLink current = link;
    if (current != null) {
      current.end("agent_left");
    }
  }

  @Override
  public void close() {
    dispatch.close();
    runtime.close();
  }
}
