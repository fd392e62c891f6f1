package io.webassist.console.testing;

import static org.awaitility.Awaitility.await;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.FieldKind;
import io.webassist.cobrowse.PageState;
import io.webassist.cobrowse.Side;
import io.webassist.cobrowse.UrlPolicy;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.app.CobrowseBinding;
import io.webassist.link.dispatch.DispatchConnection;
import io.webassist.link.session.PeerListener;
import io.webassist.link.session.SessionLink;
import io.webassist.link.session.SessionLinks;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Role;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A user asking for help, played by the link library as the assist client would: a dispatch
 * connection, a peer listener on 127.0.0.1, {@code support.request}, then the session link with the
 * user's side of the shared co-browse model.
 */
public final class TestUser implements AutoCloseable {
  private final LinkRuntime runtime = LinkRuntime.create();
  private final List<Frame> received = new CopyOnWriteArrayList<>();
  private final String pageUrl;
  private final SessionLinks links;
  private DispatchConnection dispatch;
  private volatile CobrowseBinding binding;
  private volatile SessionLink link;

  private TestUser(TestServer server, String pageUrl) {
    this.pageUrl = pageUrl;
    this.links = new SessionLinks(runtime, LinkOptions.builder().security(server.security())
        .directTimeout(Duration.ofSeconds(2)).build());
  }

  /** Asks for help from {@code pageUrl} as customer {@code customerId}. */
  public static TestUser ask(TestServer server, String name, String phone, String customerId, String pageUrl) {
    TestUser user = new TestUser(server, pageUrl);
    PeerListener listener = user.links.openPeerListener("127.0.0.1").join();
    user.dispatch = DispatchConnection.builder(user.runtime, "127.0.0.1", server.port(), Role.USER)
        .security(server.security()).onFrame(frame -> user.onFrame(frame, listener)).connect().join();
    user.dispatch.send(new SupportRequest(name, phone, customerId, pageUrl, listener.endpoint(), null,
        listener.fingerprint()));
    return user;
  }

  private void onFrame(Frame frame, PeerListener listener) {
    received.add(frame);
    if (frame instanceof SupportAssigned assigned) {
      CobrowseBinding model = new CobrowseBinding(runtime, Side.USER,
          UrlPolicy.forSession(assigned.cobrowseHosts(), pageUrl), pageUrl);
      // a second assignment (a transfer) links through the relay: the first session owns the listener
      PeerListener own = binding == null ? listener : null;
      binding = model;
      link = null;
      links.acceptAsUser(own, assigned, model).thenAccept(up -> link = up);
    }
  }

  public List<Frame> received() {
    return received;
  }

  /** Waits until the session link is up. */
  public TestUser awaitLinked() {
    await("the user's link").atMost(Duration.ofSeconds(20)).until(() -> link != null);
    return this;
  }

  public SessionLink link() {
    return link;
  }

  /** Runs {@code action} on the user's co-browse model, on its thread. */
  public void act(java.util.function.Consumer<CobrowseSession> action) {
    binding.act(action);
  }

  /** Reads the user's model on its thread. */
  public <T> T read(Function<CobrowseSession, T> reading) {
    CompletableFuture<T> result = new CompletableFuture<>();
    binding.act(model -> result.complete(reading.apply(model)));
    return result.join();
  }

  public List<String> chatTexts() {
    return read(model -> List.copyOf(model.chat().texts()));
  }

  public PageState.View page() {
    return read(model -> model.page().view());
  }

  public boolean agentTyping() {
    return read(model -> model.chat().peerTyping());
  }

  public void allowCobrowsing() {
    act(CobrowseSession::allowCobrowsing);
  }

  public void chat(String text) {
    act(model -> model.chat(text));
  }

  public void typeInto(String field, String value) {
    act(model -> model.input(field, value, FieldKind.TEXT));
  }

  /** Drops only the user's connection to the dispatch server (the peer link stays), as a network blip would. */
  public void dropDispatch() {
    dispatch.close();
  }

  public void stop() {
    runtime.close();
  }

  @Override
  public void close() {
    runtime.close();
  }
}
