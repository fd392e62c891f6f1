package io.webassist.cobrowse;

import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.ChatTyping;
import io.webassist.protocol.frame.CobrowseClick;
import io.webassist.protocol.frame.CobrowseConsent;
import io.webassist.protocol.frame.CobrowseHighlight;
import io.webassist.protocol.frame.CobrowseInput;
import io.webassist.protocol.frame.CobrowseNavigate;
import io.webassist.protocol.frame.CobrowsePointer;
import io.webassist.protocol.frame.CobrowseRefused;
import io.webassist.protocol.frame.CobrowseScroll;
import io.webassist.protocol.frame.CobrowseSnapshot;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end of a co-browse and chat session, the same code for the agent's console and the user's
 * client (claims 90, 92–94, 98, 101, 103–105, 109). Local actions become session events for the
 * {@code outbound} sink (a session link); {@link #apply} applies the peer's events to the local
 * {@link PageState} and {@link ChatLog}, so that both ends show the same page at the same place.
 *
 * <p>Rules, each tested in {@code CobrowseSessionTest}:
 * <ul>
 *   <li>Consent: co-browse events (navigate, scroll, pointer, highlight, input, click) flow, in
 *       either direction, only while the user allows co-browsing. The agent's lead actions are
 *       refused locally without it; the user's own actions stay local; received ones are not
 *       applied. The user can stop at any time. Chat needs no consent.</li>
 *   <li>Password fields and fields the page marks sensitive are never sent and never shared.</li>
 *   <li>Navigation, local or received, only to URLs the {@link UrlPolicy} allows; a refused
 *       received one is answered with {@code cobrowse.refused} and shown as a {@link Notice}.</li>
 *   <li>Events with a {@code seq} not above the last applied one are ignored.</li>
 *   <li>The user's page is the reference: on every new link ({@link #linkUp()}) and when the user
 *       allows co-browsing, the user side sends a {@code cobrowse.snapshot}; a received snapshot
 *       replaces URL, scroll and shared fields (not highlight or pointers, which it does not carry).</li>
 * </ul>
 * Not thread-safe: call everything on one thread (the UI's), hopping there from link callbacks.
 */
public final class CobrowseSession {
  private static final Logger LOG = LoggerFactory.getLogger(CobrowseSession.class);
  public static final String NO_CONSENT = "no_consent";

  private final Side side;
  private final UrlPolicy policy;
  private final Consumer<SessionEvent> outbound;
  private final PageState page;
  private final ChatLog chat = new ChatLog();
  private final List<Consumer<Notice>> noticeListeners = new CopyOnWriteArrayList<>();
  private final List<Notice> notices = new ArrayList<>();
  private final Set<String> sensitiveFields = new HashSet<>();
  private long lastApplied;

  /**
   * @param startUrl the page the user asked for help on (the agent opens it, claims 89, 100)
   * @param outbound where local actions go, usually {@code sessionLink::send}
   */
  public CobrowseSession(Side side, UrlPolicy policy, String startUrl, Consumer<SessionEvent> outbound) {
    this.side = side;
    this.policy = policy;
    this.outbound = outbound;
    this.page = new PageState(startUrl != null && policy.allows(startUrl) ? startUrl : null);
  }

  public Side side() {
    return side;
  }

  public PageState page() {
    return page;
  }

  public ChatLog chat() {
    return chat;
  }

  public UrlPolicy policy() {
    return policy;
  }

  public void addNoticeListener(Consumer<Notice> listener) {
    noticeListeners.add(listener);
  }

  /** Every notice so far, oldest first. */
  public List<Notice> notices() {
    return Collections.unmodifiableList(notices);
  }

  /** The highest peer {@code seq} applied. */
  public long lastAppliedSeq() {
    return lastApplied;
  }

  // ---------------------------------------------------------------- consent (user side)

  /** The user allows co-browsing: the agent is told, and gets this page's state. */
  public void allowCobrowsing() {
    requireUser("allow co-browsing");
    page.consent(true);
    outbound.accept(new CobrowseConsent(true));
    outbound.accept(snapshot());
    notice(Notice.Kind.CONSENT_CHANGED, "co-browsing allowed", null);
  }

  /** The user stops co-browsing; nothing more flows until allowed again. */
  public void stopCobrowsing() {
    requireUser("stop co-browsing");
    page.consent(false);
    outbound.accept(new CobrowseConsent(false));
    notice(Notice.Kind.CONSENT_CHANGED, "co-browsing stopped", null);
  }

  /** The page marks {@code field} sensitive: its input never leaves this machine. */
  public void markSensitive(String field) {
    sensitiveFields.add(field);
  }

  /** Call on every new or re-established link: the user side sends a snapshot first. */
  public void linkUp() {
    if (side == Side.USER) {
      outbound.accept(snapshot());
    }
  }

  // ---------------------------------------------------------------- local actions

  /** Goes to {@code url} here and, with consent, there; refused (with a notice) if the policy forbids it. */
  public boolean navigate(String url) {
    Optional<String> refusal = policy.refusal(url);
    if (refusal.isPresent()) {
      notice(Notice.Kind.NAVIGATION_REFUSED, "not opening " + url + ": " + refusal.get(), url);
      return false;
    }
    if (!leadAllowed("navigate")) {
      return false;
    }
    page.url(url);
    return share(new CobrowseNavigate(url));
  }

  public boolean scroll(int x, int y) {
    if (!leadAllowed("scroll")) {
      return false;
    }
    page.scroll(x, y);
    return share(new CobrowseScroll(x, y));
  }

  /**
   * Scrolled to ({@code x}, {@code y}) in page pixels, the view's top being {@code selector} +
   * ({@code offsetX}, {@code offsetY}): what the person's own tab reports through the page bridge.
   */
  public boolean scroll(int x, int y, String selector, int offsetX, int offsetY) {
    if (!leadAllowed("scroll")) {
      return false;
    }
    page.scroll(x, y);
    return share(new CobrowseScroll(0, 0, x, y, selector, offsetX, offsetY));
  }

  /** Our pointer is on {@code selector} at ({@code offsetX}, {@code offsetY}) inside it; pixels as fallback. */
  public boolean pointer(int x, int y, String selector, int offsetX, int offsetY) {
    if (!leadAllowed("point")) {
      return false;
    }
    return share(new CobrowsePointer(0, 0, x, y, selector, offsetX, offsetY));
  }

  /** Clicked {@code target} at ({@code offsetX}, {@code offsetY}) inside it; pixels as fallback. */
  public boolean click(int x, int y, String target, int offsetX, int offsetY) {
    if (!leadAllowed("click")) {
      return false;
    }
    return share(new CobrowseClick(0, 0, x, y, target, offsetX, offsetY));
  }

  /** Our pointer moved; the other side sees it (ours is not part of our own page state). */
  public boolean pointer(int x, int y) {
    if (!leadAllowed("point")) {
      return false;
    }
    return share(new CobrowsePointer(x, y));
  }

  public boolean highlight(String selector, int x, int y, int width, int height) {
    if (!leadAllowed("highlight")) {
      return false;
    }
    page.highlight(new PageState.Highlight(selector, x, y, width, height));
    return share(new CobrowseHighlight(selector, x, y, width, height));
  }

  public boolean clearHighlight() {
    if (!leadAllowed("highlight")) {
      return false;
    }
    page.highlight(null);
    return share(new CobrowseHighlight("", 0, 0, 0, 0));
  }

  /**
   * Typed {@code value} into {@code field}. Password fields, fields marked sensitive and fields of
   * a {@link FieldKind} that may not be shared are neither sent nor kept in the shared state.
   */
  public boolean input(String field, String value, FieldKind kind) {
    if (!kind.mayBeShared() || sensitiveFields.contains(field)) {
      LOG.debug("input not shared kind={}", kind);
      return false;
    }
    if (!leadAllowed("fill in forms")) {
      return false;
    }
    page.field(field, value);
    return share(new CobrowseInput(field, value));
  }

  public boolean click(int x, int y, String target) {
    if (!leadAllowed("click")) {
      return false;
    }
    return share(new CobrowseClick(x, y, target));
  }

  // ---- positions that cross layouts: an element and the offset inside it, pixels as the fallback

  /** Scrolled to {@code at}: the pixels and the element at the top of the view, with the offset into it. */
  public boolean scroll(PagePosition at) {
    if (!leadAllowed("scroll")) {
      return false;
    }
    page.scroll(at);
    return share(new CobrowseScroll(0, 0, at.x(), at.y(), at.selector(), at.offsetX(), at.offsetY()));
  }

  /** Our pointer moved to {@code at}: the pixels and the element under it, with the offset inside it. */
  public boolean pointer(PagePosition at) {
    if (!leadAllowed("point")) {
      return false;
    }
    return share(new CobrowsePointer(0, 0, at.x(), at.y(), at.selector(), at.offsetX(), at.offsetY()));
  }

  /** Clicked at {@code at}: the pixels and the element clicked (the click's target), with the offset. */
  public boolean click(PagePosition at) {
    if (!leadAllowed("click")) {
      return false;
    }
    return share(new CobrowseClick(0, 0, at.x(), at.y(), at.selector(), at.offsetX(), at.offsetY()));
  }

  /** Sends a chat line and adds it to our log (claims 98, 109). */
  public void chat(String text) {
    ChatMessage message = new ChatMessage(0, System.currentTimeMillis(), text);
    chat.add(new ChatLog.Entry(side, text, message.ts()));
    outbound.accept(message);
  }

  public void typing(boolean typing) {
    outbound.accept(new ChatTyping(typing));
  }

  /**
   * Whether a co-browse action may go ahead now. Without consent the agent is refused (with a
   * notice); the user's action happens on its own page but is not sent.
   */
  private boolean leadAllowed(String what) {
    if (page.consent() || side == Side.USER) {
      return true;
    }
    notice(Notice.Kind.CONSENT_REQUIRED, "the user has not allowed co-browsing; cannot " + what, null);
    return false;
  }

  private boolean share(SessionEvent event) {
    if (!page.consent()) {
      return false;
    }
    outbound.accept(event);
    return true;
  }

  // ---------------------------------------------------------------- the peer's events

  /** Applies one event from the peer; stale, duplicate and not-allowed events change nothing. */
  public void apply(SessionEvent event) {
    if (event.seq() <= lastApplied) {
      LOG.debug("stale event ignored type={} seq={} last={}", event.type(), event.seq(), lastApplied);
      return;
    }
    lastApplied = event.seq();
    if (event instanceof ChatMessage m) {
      chat.peerTyping(false);
      chat.add(new ChatLog.Entry(side.other(), m.text(), m.ts()));
    } else if (event instanceof ChatTyping t) {
      chat.peerTyping(t.typing());
    } else if (event instanceof CobrowseConsent c) {
      applyConsent(c);
    } else if (event instanceof CobrowseNavigate n) {
      applyNavigate(n);
    } else if (event instanceof CobrowseSnapshot s) {
      applySnapshot(s);
    } else if (event instanceof CobrowseRefused r) {
      notice(Notice.Kind.REFUSED_BY_PEER, "the " + side.other().name().toLowerCase(Locale.ROOT) + " refused"
          + (r.url() == null ? "" : " " + r.url()) + ": " + r.reason(), r.url());
    } else if (event instanceof SessionEnd e) {
      notice(Notice.Kind.SESSION_ENDED, "the session ended" + (e.reason() == null ? "" : ": " + e.reason()), null);
    } else if (page.consent()) {
      applyFollowed(event);
    } else {
      LOG.debug("co-browse event without consent ignored type={}", event.type());
    }
  }

  /** Scroll, pointer, highlight, input and click of the peer, applied while co-browsing is allowed. */
  private void applyFollowed(SessionEvent event) {
    if (event instanceof CobrowseScroll s) {
      page.scroll(new PagePosition(s.x(), s.y(), s.selector(), s.offsetX(), s.offsetY()));
    } else if (event instanceof CobrowsePointer p) {
      page.remotePointer(new PagePosition(p.x(), p.y(), p.selector(), p.offsetX(), p.offsetY()));
    } else if (event instanceof CobrowseHighlight h) {
      boolean clear = (h.selector() == null || h.selector().isEmpty()) && h.width() == 0 && h.height() == 0;
      page.highlight(clear ? null : new PageState.Highlight(h.selector(), h.x(), h.y(), h.width(), h.height()));
    } else if (event instanceof CobrowseInput i) {
      if (!sensitiveFields.contains(i.field())) {
        page.field(i.field(), i.value());
      }
    } else if (event instanceof CobrowseClick c) {
      page.remoteClick(new PageState.Click(c.x(), c.y(), c.target(), c.offsetX(), c.offsetY()));
    }
  }

  private void applyConsent(CobrowseConsent consent) {
    if (side == Side.USER) {
      LOG.debug("consent from the agent ignored; only the user gives it");
      return;
    }
    page.consent(consent.allowed());
    notice(Notice.Kind.CONSENT_CHANGED, consent.allowed() ? "the user allowed co-browsing"
        : "the user stopped co-browsing", null);
  }

  private void applyNavigate(CobrowseNavigate navigate) {
    String url = navigate.url();
    if (!page.consent()) {
      if (side == Side.USER) {
        outbound.accept(new CobrowseRefused(url, NO_CONSENT));
      }
      return;
    }
    Optional<String> refusal = policy.refusal(url);
    if (refusal.isPresent()) {
      notice(Notice.Kind.NAVIGATION_REFUSED, "refused to open " + url + ": " + refusal.get(), url);
      outbound.accept(new CobrowseRefused(url, refusal.get()));
      return;
    }
    page.url(url);
  }

  private void applySnapshot(CobrowseSnapshot snapshot) {
    boolean consent = side == Side.USER ? page.consent() : snapshot.consent();
    if (side == Side.USER && !consent) {
      return;
    }
    String url = page.url();
    if (snapshot.url() != null) {
      Optional<String> refusal = policy.refusal(snapshot.url());
      if (refusal.isEmpty()) {
        url = snapshot.url();
      } else {
        notice(Notice.Kind.NAVIGATION_REFUSED, "refused to open " + snapshot.url() + ": " + refusal.get(),
            snapshot.url());
        outbound.accept(new CobrowseRefused(snapshot.url(), refusal.get()));
      }
    }
    Map<String, String> fields = new LinkedHashMap<>(snapshot.fields());
    fields.keySet().removeAll(sensitiveFields);
    page.replace(url, snapshot.scrollX(), snapshot.scrollY(), consent, fields);
    if (side == Side.AGENT) {
      notice(Notice.Kind.CONSENT_CHANGED, consent ? "co-browsing with the user's page" : "co-browsing not allowed", null);
    }
  }

  /** This end's shared state; without consent only the fact that there is none. */
  private CobrowseSnapshot snapshot() {
    if (!page.consent()) {
      return new CobrowseSnapshot(0, 0, null, 0, 0, false, Map.of());
    }
    return new CobrowseSnapshot(0, 0, page.url(), page.scrollX(), page.scrollY(), true, page.fields());
  }

  private void requireUser(String what) {
    if (side != Side.USER) {
      throw new IllegalStateException("only the user can " + what);
    }
  }

  private void notice(Notice.Kind kind, String message, String url) {
    Notice notice = new Notice(kind, message, url);
    notices.add(notice);
    for (Consumer<Notice> listener : noticeListeners) {
      listener.accept(notice);
    }
  }
}
