package io.webassist.console.model;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.Notice;
import io.webassist.cobrowse.PageState;
import io.webassist.link.session.LinkState;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.CobrowseClick;
import io.webassist.protocol.frame.CobrowseConsent;
import io.webassist.protocol.frame.CobrowseHighlight;
import io.webassist.protocol.frame.CobrowseInput;
import io.webassist.protocol.frame.CobrowseNavigate;
import io.webassist.protocol.frame.CobrowsePointer;
import io.webassist.protocol.frame.CobrowseScroll;
import io.webassist.protocol.frame.CobrowseSnapshot;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.SessionEvent;
import io.webassist.protocol.frame.TransferInfo;
import io.webassist.protocol.frame.UserInfo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One session as a tab shows it: who the user is (claims 75, 76), the shared page and chat
 * ({@link CobrowseSession}: {@code page()} and {@code chat()}), what the user did ({@link ActivityList}),
 * how the link runs (path direct/relay, state linking/live/recovering/lost), unread chat while the tab
 * is not in view, and a transfer under way. Confined to the desk's thread.
 */
public final class SessionModel {

  /** What a tab listens to besides the page state and chat log. */
  public interface Listener {
    default void linkChanged(SessionModel session) {}

    /** A user event the model applied, for the page view (claims 94, 105). */
    default void userEvent(SessionModel session, SessionEvent event) {}

    default void notice(SessionModel session, Notice notice) {}

    /**
     * {@code notice} (the one shown last) no longer applies: a refused navigation once the shared page
     * moved on. A view still showing it clears it.
     */
    default void noticeCleared(SessionModel session, Notice notice) {}

    default void unreadChanged(SessionModel session) {}

    default void transferChanged(SessionModel session) {}

    /** The user's dispatch connection went away or came back ({@code session.user_presence}). */
    default void presenceChanged(SessionModel session) {}
  }

  /** Where a transfer this agent asked for stands. */
  public enum Transfer { NONE, PENDING, FAILED }

  private final String sessionId;
  private final String requestId;
  private final UserInfo user;
  private final String pageUrl;
  private final String group;
  private final long startedAt;
  private final TransferInfo handedOverBy;
  private final CobrowseSession cobrowse;
  private final ActivityList activity = new ActivityList();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private LinkPath path;
  private RelayReason relayReason;
  private LinkState linkState = LinkState.CONNECTING;
  private int unread;
  private boolean inView;
  private Transfer transfer = Transfer.NONE;
  private String transferFailure;
  private EndReason endReason;
  private boolean endedByAgent;
  private boolean userAway;
  private Long awayGraceMs;
  private Notice notice;
  /** The shared page's URL when {@link #notice} came. */
  private String urlAtNotice;

  public SessionModel(String sessionId, String requestId, UserInfo user, String pageUrl, String group,
      long startedAt, TransferInfo handedOverBy, CobrowseSession cobrowse) {
    this.sessionId = sessionId;
    this.requestId = requestId;
    this.user = user;
    this.pageUrl = pageUrl;
    this.group = group;
    this.startedAt = startedAt;
    this.handedOverBy = handedOverBy;
    this.cobrowse = cobrowse;
    cobrowse.addNoticeListener(n -> {
      notice = n;
      urlAtNotice = cobrowse.page().url();
      listeners.forEach(l -> l.notice(this, n));
    });
    // a refused navigation is old news once the shared page moves on: a navigation that went through
    // (either side's), or a snapshot at another page than the one shown when the refusal came
    cobrowse.page().addListener((page, change) -> {
      if (notice != null && notice.kind() == Notice.Kind.NAVIGATION_REFUSED && (change == PageState.Change.URL
          || change == PageState.Change.SNAPSHOT && !java.util.Objects.equals(page.url(), urlAtNotice))) {
        Notice cleared = notice;
        notice = null;
        listeners.forEach(l -> l.noticeCleared(this, cleared));
      }
    });
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public String sessionId() {
    return sessionId;
  }

  public String requestId() {
    return requestId;
  }

  public UserInfo user() {
    return user;
  }

  /** The page the user asked for help on ({@code session.start.pageUrl}); the page view opens it first. */
  public String pageUrl() {
    return pageUrl;
  }

  /** The group the request was routed to, when the offer said; null otherwise. */
  public String group() {
    return group;
  }

  public long startedAt() {
    return startedAt;
  }

  /** The colleague who handed this session over, or null. */
  public TransferInfo handedOverBy() {
    return handedOverBy;
  }

  public CobrowseSession cobrowse() {
    return cobrowse;
  }

  /** The notice shown last, while it still applies; null if none. */
  public Notice notice() {
    return notice;
  }

  public ActivityList activity() {
    return activity;
  }

  /** The link's path while it is (or was last) up; null before. */
  public LinkPath path() {
    return path;
  }

  /** Why the link would go (or goes) through the relay, as far as {@code session.start} tells; null if unknown. */
  public RelayReason relayReason() {
    return relayReason;
  }

  /** Set once by the desk from {@code session.start}, before the link is made. */
  public void relayReason(RelayReason reason) {
    relayReason = reason;
  }

  /** Whether the session ended (the tab stays, read-only, until the agent closes it). */
  public boolean isEnded() {
    return endReason != null;
  }

  public LinkState linkState() {
    return linkState;
  }

  public int unread() {
    return unread;
  }

  public Transfer transfer() {
    return transfer;
  }

  /** Why the last transfer failed ({@code session.transfer_failed.reason}), or null. */
  public String transferFailure() {
    return transferFailure;
  }

  /**
   * Whether the user's connection to the server is away ({@code session.user_presence}): the session is
   * kept for {@link #awayGraceMs} while they reconnect; the link to the user may well still be up.
   */
  public boolean userAway() {
    return userAway;
  }

  /** The user's presence in a few words, for the session's header and the text console. */
  public static String presenceText(SessionModel s) {
    if (!s.userAway()) {
      return "The user is back: their connection to the server is up again.";
    }
    return "The user's connection to the server dropped; the session is kept"
        + (s.awayGraceMs() == null ? "" : " for " + Math.max(1, s.awayGraceMs() / 1000) + " s")
        + " while they reconnect.";
  }

  /** How long the server keeps the session for the away user, or null (not away, or not said). */
  public Long awayGraceMs() {
    return awayGraceMs;
  }

  /** Why the session ended; null while it runs. */
  public EndReason endReason() {
    return endReason;
  }

  /** A short name for the tab. */
  public String title() {
    String name = user.name();
    return name == null || name.isBlank() ? "User " + user.ip() : name;
  }

  // ---------------------------------------------------------------- changed by the desk and the view

  public void link(LinkState state, LinkPath currentPath) {
    linkState = state;
    if (state == LinkState.UP && currentPath != null) {
      path = currentPath;
    }
    listeners.forEach(l -> l.linkChanged(this));
  }

  /** The tab came into view (unread marks go) or left it. */
  public void inView(boolean shown) {
    inView = shown;
    if (shown && unread > 0) {
      unread = 0;
      listeners.forEach(l -> l.unreadChanged(this));
    }
  }

  public void transferPending() {
    transfer = Transfer.PENDING;
    transferFailure = null;
    listeners.forEach(l -> l.transferChanged(this));
  }

  public void transferFailed(String reason) {
    transfer = Transfer.FAILED;
    transferFailure = reason;
    listeners.forEach(l -> l.transferChanged(this));
  }

  /** {@code session.user_presence}: the user's dispatch connection dropped ({@code away}) or was reclaimed. */
  public void userPresence(boolean away, Long graceMs) {
    userAway = away;
    awayGraceMs = away ? graceMs : null;
    listeners.forEach(l -> l.presenceChanged(this));
  }

  void ended(EndReason reason, boolean byAgent) {
    endReason = reason;
    endedByAgent = byAgent;
  }

  /** Whether the agent ended the session (End…), not the user, the link or the server. */
  public boolean endedByAgent() {
    return endedByAgent;
  }

  /**
   * Applies one event of the user's to the shared model, then records and passes on the page events
   * it let through (without the user's consent, co-browse events other than consent are not shown).
   */
  public void userEvent(SessionEvent event, long now) {
    long before = cobrowse.lastAppliedSeq();
    cobrowse.apply(event);
    if (cobrowse.lastAppliedSeq() == before) {
      return; // stale or duplicate: the model ignored it
    }
    if (event instanceof ChatMessage) {
      if (!inView) {
        unread++;
        listeners.forEach(l -> l.unreadChanged(this));
      }
    } else if (isPageEvent(event) && (cobrowse.page().consent() || event instanceof CobrowseConsent
        || event instanceof CobrowseSnapshot)) {
      activity.record(event, now);
      listeners.forEach(l -> l.userEvent(this, event));
    }
  }

  /** The co-browse events a page view draws. */
  public static boolean isPageEvent(SessionEvent event) {
    return event instanceof CobrowsePointer || event instanceof CobrowseClick || event instanceof CobrowseInput
        || event instanceof CobrowseScroll || event instanceof CobrowseNavigate || event instanceof CobrowseConsent
        || event instanceof CobrowseSnapshot || event instanceof CobrowseHighlight;
  }
}
