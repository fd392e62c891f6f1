package io.webassist.client.page;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.PageState;
import io.webassist.link.session.LinkState;
import io.webassist.link.session.SessionLink;
import io.webassist.protocol.frame.CobrowseHighlight;
import io.webassist.protocol.frame.CobrowseNavigate;
import io.webassist.protocol.frame.CobrowsePointer;
import io.webassist.protocol.frame.CobrowseScroll;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.PageBridgeState;
import io.webassist.protocol.frame.PageCommand;
import io.webassist.protocol.frame.PageEvent;
import io.webassist.protocol.frame.SessionEvent;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assist client's side of the page bridge (claims 92–94, 103–105): the person's own browser tab
 * follows the agent, and the agent sees what the person does there. The client is the authority:
 * <ul>
 *   <li>the page shares nothing until the person allows co-browsing here ({@code page.command share});
 *       when they stop, or the session ends, the page is told {@code stop};</li>
 *   <li>the agent's navigation reaches the page only once the shared model accepted it (consent and
 *       the session's allowed hosts); scroll, pointer and highlight only with consent;</li>
 *   <li>what the page reports goes on to the agent only through the shared model (consent, sensitive
 *       fields), with a second masking check on field names ({@link MaskedFields});</li>
 *   <li>End on the page's badge stops co-browsing, so the agent sees consent withdrawn.</li>
 * </ul>
 * Everything runs on the link thread: dispatch frames, session events and the model's listeners.
 */
public final class PageBridge implements SessionLink.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(PageBridge.class);
  /** At most this often an agent's pointer move goes to the page (about 30 a second). */
  static final long POINTER_INTERVAL_MS = 33;

  private final String pageKey;
  private final Consumer<Frame> dispatch;
  private final Consumer<String> status;
  private final LongSupplier clock;
  private final PageState.Listener consentListener = this::pageStateChanged;
  // link thread only
  private CobrowseSession model;
  private boolean paired;
  private boolean pageConnected;
  private Boolean sharing;
  private boolean announced;
  private long lastPointerAt;
  private boolean pointedYet;

  /**
   * @param pageKey the key the page's launch file passed ({@code --page-key})
   * @param dispatch sends a frame on the dispatch connection
   * @param status tells the person what the bridge is doing
   */
  public PageBridge(String pageKey, Consumer<Frame> dispatch, Consumer<String> status) {
    this(pageKey, dispatch, status, System::currentTimeMillis);
  }

  PageBridge(String pageKey, Consumer<Frame> dispatch, Consumer<String> status, LongSupplier clock) {
    this.pageKey = pageKey;
    this.dispatch = dispatch;
    this.status = status;
    this.clock = clock;
  }

  /** The key to send in {@code support.request.pageKey}. */
  public String pageKey() {
    return pageKey;
  }

  /** Whether the server paired this client with the page and the page's tab is connected now. */
  public boolean pageConnected() {
    return paired && pageConnected;
  }

  /** A session started: its shared model decides from now on. */
  public void attach(CobrowseSession session) {
    detach();
    model = session;
    model.page().addListener(consentListener);
    syncSharing();
  }

  /** The session ended: the page stops sharing and forgets the agent's marks. */
  public void detach() {
    if (model != null) {
      model.page().removeListener(consentListener);
      model = null;
    }
    syncSharing();
  }

  /** Handles the page bridge's frames from the dispatch connection; false for any other frame. */
  public boolean onDispatchFrame(Frame frame) {
    if (frame instanceof PageBridgeState state) {
      onBridgeState(state);
      return true;
    }
    if (frame instanceof PageEvent event) {
      onPageEvent(event);
      return true;
    }
    return false;
  }

  private void onBridgeState(PageBridgeState state) {
    switch (state.state()) {
      case "paired" -> paired = true;
      case "refused" -> {
        paired = false;
        status.accept("Your browser tab could not be connected (the help link was used already); "
            + "co-browsing happens in this window only");
      }
      case "page_connected" -> {
        pageConnected = true;
        sharing = null; // a new page knows nothing yet: tell it
        syncSharing();
      }
      case "page_left" -> pageConnected = false;
      case "closed" -> {
        paired = false;
        pageConnected = false;
      }
      default -> LOG.debug("page bridge state ignored state={}", state.state());
    }
  }

  // ---- the page → the agent

  private void onPageEvent(PageEvent event) {
    if (event.event().equals("end")) {
      // the server closes the bridge right after this: nothing more goes to the page
      paired = false;
      pageConnected = false;
      if (model != null && model.page().consent()) {
        model.stopCobrowsing();
      }
      status.accept("You ended co-browsing from your browser tab");
      return;
    }
    if (model == null || !model.page().consent()) {
      LOG.debug("page event without consent dropped event={}", event.event());
      return;
    }
    switch (event.event()) {
      case "ready" -> {
        String url = event.url();
        if (url != null && !url.equals(model.page().url()) && model.policy().allows(url)) {
          model.navigate(url);
        }
      }
      case "scroll" -> model.scroll(event.x(), event.y(), event.selector(), event.offsetX(), event.offsetY());
      case "pointer" -> model.pointer(event.x(), event.y(), event.selector(), event.offsetX(), event.offsetY());
      case "click" -> model.click(event.x(), event.y(), event.selector(), event.offsetX(), event.offsetY());
      case "input" -> model.input(event.field(), event.value(), MaskedFields.kindOf(event.field()));
      default -> { }
    }
  }

  // ---- the agent → the page

  @Override
  public void onEvent(SessionLink link, SessionEvent event) {
    if (model == null || !model.page().consent() || !pageConnected()) {
      return;
    }
    if (event instanceof CobrowseNavigate navigate) {
      // the shared model applied it only if consent and the allowed hosts let it: follow that decision
      if (navigate.url().equals(model.page().url())) {
        send(PageCommand.navigate(navigate.url()));
      }
    } else if (event instanceof CobrowseScroll scroll) {
      send(PageCommand.at("scroll", scroll.x(), scroll.y(), scroll.selector(), scroll.offsetX(), scroll.offsetY()));
    } else if (event instanceof CobrowsePointer pointer) {
      long now = clock.getAsLong();
      if (!pointedYet || now - lastPointerAt >= POINTER_INTERVAL_MS) {
        pointedYet = true;
        lastPointerAt = now;
        send(PageCommand.at("pointer", pointer.x(), pointer.y(), pointer.selector(), pointer.offsetX(),
            pointer.offsetY()));
      }
    } else if (event instanceof CobrowseHighlight highlight) {
      boolean clear = (highlight.selector() == null || highlight.selector().isEmpty())
          && highlight.width() == 0 && highlight.height() == 0;
      send(clear ? PageCommand.of("clear")
          : PageCommand.highlight(highlight.selector(), highlight.x(), highlight.y(), highlight.width(),
              highlight.height()));
    }
  }

  @Override
  public void onStateChanged(SessionLink link, LinkState state) {
    // the page keeps sharing while the link recovers; detach() stops it when the session ends
  }

  private void pageStateChanged(PageState page, PageState.Change change) {
    if (change == PageState.Change.CONSENT || change == PageState.Change.SNAPSHOT) {
      syncSharing();
    }
  }

  /** Tells the page to share or stop, when that changed (or the page is new). */
  private void syncSharing() {
    boolean share = model != null && model.page().consent();
    if (!pageConnected() || Boolean.valueOf(share).equals(sharing)) {
      return;
    }
    sharing = share;
    send(PageCommand.of(share ? "share" : "stop"));
    if (share && !announced) {
      status.accept("Support can see your browser tab; end it there or here at any time");
    }
    announced = share;
  }

  private void send(PageCommand command) {
    dispatch.accept(command);
  }
}
