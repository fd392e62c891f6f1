package io.webassist.client.ui;

import io.webassist.client.ClientView;
import io.webassist.client.ConnectionPhase;
import io.webassist.client.QueueSpot;
import io.webassist.client.Wording;
import io.webassist.cobrowse.Notice;
import io.webassist.link.session.LinkState;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.UnavailableReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the assist window shows, apart from how (claims 72, 80, 88, 92, 94, 98, 109): which screen
 * (details, connecting, waiting, connected, ended), the place in the queue and the estimated wait,
 * who is helping and how the link stands, the chat and whether the agent types, the person's
 * consent, where the agent wants to take the page, and why the help ended. It takes the reason
 * codes from {@link io.webassist.client.AssistClient} (through {@link SwingClientView}) and turns
 * them into words here, once. EDT only; tested without a window.
 */
public final class AssistWindowModel {

  /** The window's screens, in the order a person usually meets them. */
  public enum Screen { DETAILS, CONNECTING, WAITING, CONNECTED, ENDED }

  /** One line of the chat: who wrote it, what, and when by the writer's clock (epoch ms). */
  public record ChatLine(String from, boolean fromAgent, String text, long ts) {}

  /** Told of every change; {@link #chatAdded} in addition to {@link #changed} for a new chat line. */
  public interface Listener {
    void changed(AssistWindowModel model);

    default void chatAdded(ChatLine line) {}
  }

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final String pageUrl;
  private Details details;
  private Screen screen = Screen.DETAILS;
  private QueueSpot spot;
  private String waitingNote;
  private boolean reconnecting;
  private String agentName;
  private LinkState linkState;
  private LinkPath linkPath;
  private boolean consent;
  private final List<ChatLine> chat = new ArrayList<>();
  private boolean agentTyping;
  private String suggestedUrl;
  private boolean suggestedOpened;
  private String lastNotice;
  private boolean endingByPerson;
  private EndReason endReason;
  private UnavailableReason unavailableReason;
  private String endedText;

  public AssistWindowModel(String pageUrl, Details prefilled) {
    this.pageUrl = pageUrl;
    this.details = prefilled;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  // ---------------------------------------------------------------- what views read

  public Screen screen() {
    return screen;
  }

  public String pageUrl() {
    return pageUrl;
  }

  /** The details as last entered (or as the page passed them). */
  public Details details() {
    return details;
  }

  /** The latest place in the queue, or null before the first. */
  public QueueSpot spot() {
    return spot;
  }

  /** "You are number 3 in the queue", or a word on what is going on before the first place is known. */
  public String positionText() {
    if (screen == Screen.CONNECTING || spot == null) {
      return "Connecting to the help desk …";
    }
    return spot.position() <= 1 ? "You are next in the queue." : "You are number " + spot.position() + " in the queue.";
  }

  /** "About 4 min to wait." when the server could estimate the wait, else null. */
  public String estimateText() {
    if (spot == null || spot.estimatedWaitMs() == null || screen != Screen.WAITING) {
      return null;
    }
    return Wording.estimatedWait(spot.estimatedWaitMs());
  }

  /** Why the person is (back) in the queue, e.g. the agent had to leave; null when nothing to say. */
  public String waitingNote() {
    return waitingNote;
  }

  /** Whether the dispatch connection is down and being re-made. */
  public boolean reconnecting() {
    return reconnecting;
  }

  public String agentName() {
    return agentName;
  }

  /** "Direct link · live", "Through the relay · recovering …", "Linking …". */
  public String linkText() {
    if (linkState == null || linkState == LinkState.CONNECTING) {
      return "Linking to " + (agentName == null ? "your agent" : agentName) + " …";
    }
    String path = linkPath == LinkPath.DIRECT ? "Direct link" : "Through the help desk's relay";
    String state = switch (linkState) {
      case UP -> "live";
      case RECOVERING -> "reconnecting …";
      case LOST -> "lost";
      default -> "ended";
    };
    return path + " · " + state;
  }

  public LinkState linkState() {
    return linkState;
  }

  public LinkPath linkPath() {
    return linkPath;
  }

  /** Whether the person lets the agent guide them on this page. */
  public boolean consent() {
    return consent;
  }

  /** This request's chat so far; after the session ended, still the conversation the person had. */
  public List<ChatLine> chat() {
    return Collections.unmodifiableList(chat);
  }

  public boolean agentTyping() {
    return agentTyping;
  }

  /** Where the agent took the page, or null. */
  public String suggestedUrl() {
    return suggestedUrl;
  }

  /** Whether that address was opened in the person's browser (else it is shown to click or copy). */
  public boolean suggestedOpened() {
    return suggestedOpened;
  }

  public String lastNotice() {
    return lastNotice;
  }

  /** The reason a session ended, or null when the help ended otherwise (or has not). */
  public EndReason endReason() {
    return endReason;
  }

  public UnavailableReason unavailableReason() {
    return unavailableReason;
  }

  /** On the ended screen: what happened, in words. */
  public String endedText() {
    return endedText;
  }

  // ---------------------------------------------------------------- the person's actions

  /**
   * The person asked for help with {@code entered}; the request is being made. The last session's
   * chat, kept readable on the ended screen until now, is cleared: a new request starts a new talk.
   */
  public void asking(Details entered) {
    Edt.check();
    details = entered;
    resetOutcome();
    spot = null;
    waitingNote = null;
    chat.clear();
    screen = Screen.CONNECTING;
    fire();
  }

  /** "Ask again" from the ended screen: the same details once more. */
  public void askingAgain() {
    asking(details);
  }

  /** The person pressed End or closed the window: the coming {@link #ended} is their own doing. */
  public void endingByPerson() {
    Edt.check();
    endingByPerson = true;
  }

  /** The help desk could not be reached at all. */
  public void unreachable(String why) {
    Edt.check();
    resetOutcome();
    endedText = "The help desk cannot be reached right now (" + why + "). Please try again in a moment.";
    screen = Screen.ENDED;
    fire();
  }

  // ---------------------------------------------------------------- the client's reports (via SwingClientView)

  void connection(ConnectionPhase phase) {
    Edt.check();
    reconnecting = phase == ConnectionPhase.RECONNECTING;
    if (phase == ConnectionPhase.ASKING_AGAIN || phase == ConnectionPhase.RECONNECTED_ASKED_AGAIN) {
      waitingNote = phase == ConnectionPhase.ASKING_AGAIN ? Wording.ended(EndReason.USER_LEFT, false)
          : "The connection to the help desk dropped; your request was sent again.";
      screen = Screen.CONNECTING;
    }
    fire();
  }

  void queued(QueueSpot next) {
    Edt.check();
    if (screen == Screen.ENDED && endingByPerson) {
      return; // a late update for a request the person already gave up
    }
    spot = next;
    if (next.requeuedBecause() != null) {
      waitingNote = Wording.ended(next.requeuedBecause(), false);
    }
    screen = Screen.WAITING;
    fire();
  }

  void unavailable(UnavailableReason reason) {
    Edt.check();
    resetOutcome();
    unavailableReason = reason;
    endedText = Wording.unavailable(reason);
    screen = Screen.ENDED;
    fire();
  }

  void refused(String message) {
    Edt.check();
    resetOutcome();
    endedText = "The help desk refused the request: " + message;
    screen = Screen.ENDED;
    fire();
  }

  void assigned(String name) {
    Edt.check();
    agentName = name;
    linkState = LinkState.CONNECTING;
    linkPath = null;
    consent = false;
    agentTyping = false;
    suggestedUrl = null;
    suggestedOpened = false;
    waitingNote = null;
    screen = Screen.CONNECTED;
    fire();
  }

  void linkChanged(LinkState state, LinkPath path) {
    Edt.check();
    linkState = state;
    linkPath = path;
    fire();
  }

  void chatAdded(ChatLine line) {
    Edt.check();
    chat.add(line);
    if (line.fromAgent()) {
      agentTyping = false;
    }
    for (Listener listener : listeners) {
      listener.chatAdded(line);
    }
    fire();
  }

  void agentTyping(boolean typing) {
    Edt.check();
    agentTyping = typing;
    fire();
  }

  void consent(boolean allowed) {
    Edt.check();
    consent = allowed;
    fire();
  }

  /** The agent took the shared page to {@code url}; {@code opened} says whether the browser went there. */
  void navigated(String url, boolean opened) {
    Edt.check();
    suggestedUrl = url;
    suggestedOpened = opened;
    fire();
  }

  void notice(Notice notice) {
    Edt.check();
    lastNotice = notice.message();
    fire();
  }

  void ended(EndReason reason) {
    Edt.check();
    agentTyping = false;
    if (!ClientView.isFinal(reason) && !endingByPerson) {
      waitingNote = Wording.ended(reason, false);
      screen = Screen.WAITING; // the request is back in the queue; support.queued follows
      fire();
      return;
    }
    endReason = reason;
    endedText = Wording.ended(reason, endingByPerson);
    screen = Screen.ENDED;
    fire();
  }

  private void resetOutcome() {
    endingByPerson = false;
    endReason = null;
    unavailableReason = null;
    endedText = null;
  }

  private void fire() {
    for (Listener listener : listeners) {
      listener.changed(this);
    }
  }
}
