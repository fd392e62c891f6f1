package io.webassist.app;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.Side;
import io.webassist.cobrowse.UrlPolicy;
import io.webassist.link.LinkRuntime;
import io.webassist.link.session.LinkState;
import io.webassist.link.session.SessionLink;
import io.webassist.protocol.frame.SessionEvent;
import java.util.function.Consumer;

/**
 * Puts the shared co-browse and chat model on a session link: the peer's events are applied to the
 * model, the model's local actions go out on the link, and every new link starts with the model's
 * snapshot. The model lives on the runtime's link thread; {@link #act} hops there from any thread.
 */
public final class CobrowseBinding implements SessionLink.Listener {

  private final LinkRuntime runtime;
  private final CobrowseSession model;
  private volatile SessionLink link;

  public CobrowseBinding(LinkRuntime runtime, Side side, UrlPolicy policy, String startUrl) {
    this.runtime = runtime;
    this.model = new CobrowseSession(side, policy, startUrl, this::sendToPeer);
  }

  /** The model; touch it only on the link thread (from a listener, or through {@link #act}). */
  public CobrowseSession model() {
    return model;
  }

  /** Runs {@code action} on the model, on the link thread. */
  public void act(Consumer<CobrowseSession> action) {
    runtime.execute(() -> action.accept(model));
  }

  @Override
  public void onEvent(SessionLink link, SessionEvent event) {
    this.link = link;
    model.apply(event);
  }

  @Override
  public void onStateChanged(SessionLink link, LinkState state) {
    this.link = link;
    if (state == LinkState.UP) {
      model.linkUp();
    }
  }

  private void sendToPeer(SessionEvent event) {
    SessionLink current = link;
    if (current != null) {
      current.send(event);
    }
  }
}
