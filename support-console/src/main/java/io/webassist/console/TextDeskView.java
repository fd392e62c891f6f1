package io.webassist.console;

import io.webassist.cobrowse.Notice;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportOffer;
import java.io.PrintStream;
import java.time.Clock;

/** The text-mode view of the console: one line per thing that happens. */
final class TextDeskView implements DeskView {

  private final PrintStream out;
  private final Clock clock;

  TextDeskView(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public synchronized void status(String text) {
    out.println("* " + text);
  }

  @Override
  public synchronized void offer(SupportOffer offer) {
    out.println("OFFER " + offer.requestId() + ": " + OfferText.describe(offer, clock)
        + " — type 'accept' or 'decline' (expires in " + offer.expiresInMs() / 1000 + " s)");
  }

  @Override
  public synchronized void offerGone(String requestId, String reason) {
    out.println("* Offer " + requestId + " gone (" + reason + ")");
  }

  @Override
  public synchronized void sessionStarted(SessionStart start) {
    out.println("SESSION " + start.sessionId() + " with " + start.user().name() + " (" + start.user().phone()
        + ", " + start.user().ip() + "); opening " + start.pageUrl());
  }

  @Override
  public synchronized void linked(String sessionId, LinkPath path) {
    out.println("* Linked to the user " + (path == LinkPath.DIRECT ? "directly" : "through the relay")
        + ". Type to chat; /go URL leads the page (after the user allows it); /end closes the session.");
  }

  @Override
  public synchronized void chat(String sessionId, String from, String text) {
    out.println(from + ": " + text);
  }

  @Override
  public synchronized void userActivity(String sessionId, String description) {
    out.println("  user " + description);
  }

  @Override
  public synchronized void notice(String sessionId, Notice notice) {
    out.println("! " + notice.message());
  }

  @Override
  public synchronized void sessionEnded(String sessionId, String reason) {
    out.println("* Session " + sessionId + " ended (" + reason + ")");
  }
}
