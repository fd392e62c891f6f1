package io.webassist.console;

import io.webassist.cobrowse.ChatLog;
import io.webassist.cobrowse.Side;
import io.webassist.console.model.ActivityList;
import io.webassist.console.model.ActivityText;
import io.webassist.console.model.DeskModel;
import io.webassist.console.model.DeskStatus;
import io.webassist.console.model.Offer;
import io.webassist.console.model.OfferGone;
import io.webassist.console.model.SessionModel;
import io.webassist.console.model.SessionTabs;
import io.webassist.link.session.LinkState;
import io.webassist.protocol.frame.CobrowseInput;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.GroupQueue;
import io.webassist.protocol.frame.LinkPath;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text-mode view of the console: one line per thing that happens, rendered from the desk's models.
 * Runs on the desk thread (listeners are called there).
 */
final class TextDeskView {

  private final PrintStream out;
  private final Clock clock;
  private String lastQueue = "";

  TextDeskView(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** Subscribes to {@code model}; call on the desk thread. */
  void attach(DeskModel model) {
    model.status().addListener(this::statusChanged);
    model.queue().addListener(queue -> queueChanged(queue.groups()));
    model.offers().addListener(new io.webassist.console.model.OfferList.Listener() {
      @Override
      public void offerAdded(Offer offer) {
        offerShown(offer);
      }

      @Override
      public void offerRemoved(Offer offer, OfferGone gone) {
        if (gone.kind() != OfferGone.Kind.ACCEPTED) {
          out.println("* Offer " + offer.requestId() + " gone (" + gone.describe() + ")");
        }
      }
    });
    model.sessions().addListener(new SessionTabs.Listener() {
      @Override
      public void sessionOpened(SessionModel session) {
        sessionShown(session);
      }

      @Override
      public void sessionClosed(SessionModel session, EndReason reason) {
        if (reason == EndReason.TRANSFERRED) {
          out.println("* Session " + session.sessionId() + " handed over to a colleague (transferred)");
        } else {
          out.println("* Session " + session.sessionId() + " ended (" + reason.code() + ")");
        }
      }
    });
  }

  private void statusChanged(DeskStatus status, DeskStatus.Change change) {
    switch (change) {
      case LOGGED_IN -> out.println("* Logged in as " + status.displayName() + ", groups " + status.groups() + "; "
          + status.availability().wireName());
      case CONNECTION -> {
        if (status.connection() == DeskStatus.Connection.RECONNECTING) {
          out.println("* Lost the dispatch server; reconnecting …");
        } else if (status.connection() == DeskStatus.Connection.CLOSED) {
          out.println("* Disconnected from the dispatch server");
        }
      }
      case AVAILABILITY -> out.println("* You are " + status.availability().wireName());
      case PROBLEM -> {
        if (status.problem() != null) {
          out.println("* The server refused: " + status.problem().message());
        }
      }
      default -> { }
    }
  }

  private void queueChanged(List<GroupQueue> groups) {
    String text = groups.stream().map(g -> g.group() + " " + g.waiting() + " waiting")
        .collect(Collectors.joining(", "));
    if (!text.isEmpty() && !text.equals(lastQueue)) {
      out.println("* Queue: " + text);
    }
    lastQueue = text;
  }

  private void offerShown(Offer offer) {
    String handover = offer.transfer() == null ? ""
        : " — handed over by " + offer.transfer().fromAgentId()
            + (offer.transfer().note() == null ? "" : ": " + offer.transfer().note());
    out.println("OFFER " + offer.requestId() + ": " + OfferText.describe(offer, clock) + handover
        + " — type 'accept' or 'decline' (expires in " + offer.remainingMs(clock.millis()) / 1000 + " s)");
  }

  private void sessionShown(SessionModel session) {
    out.println("SESSION " + session.sessionId() + " with " + OfferText.orDash(session.user().name())
        + " (phone " + OfferText.orDash(session.user().phone()) + ", IP " + session.user().ip() + "); opening "
        + session.pageUrl());
    String userName = session.user().name() != null ? session.user().name() : "user";
    session.cobrowse().chat().addListener(new ChatLog.Listener() {
      @Override
      public void messageAdded(ChatLog.Entry entry) {
        if (entry.sender() == Side.USER) {
          out.println(userName + ": " + entry.text());
        }
      }
    });
    session.activity().addListener(new ActivityList.Listener() {
      private int shown;
      private ActivityList.Entry last;

      @Override
      public void activityChanged(ActivityList list) {
        List<ActivityList.Entry> entries = list.entries();
        if (shown == entries.size() && !entries.isEmpty() && entries.get(shown - 1) != last
            && entries.get(shown - 1).event() instanceof CobrowseInput) {
          // a field's line updated in place: print its new value (pointer moves stay quiet)
          out.println("  user " + ActivityText.describe(entries.get(shown - 1).event()));
        }
        for (int i = Math.min(shown, entries.size()); i < entries.size(); i++) {
          out.println("  user " + ActivityText.describe(entries.get(i).event()));
        }
        shown = entries.size();
        last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
      }
    });
    session.addListener(new SessionModel.Listener() {
      @Override
      public void linkChanged(SessionModel s) {
        if (s.linkState() == LinkState.UP) {
          out.println("* Linked to the user " + (s.path() == LinkPath.DIRECT ? "directly"
                  : "through the relay" + (s.relayReason() == null ? "" : " (" + s.relayReason().why() + ")"))
              + ". Type to chat; /go URL leads the page (after the user allows it); /end closes the session.");
        } else if (s.linkState() == LinkState.RECOVERING) {
          out.println("* The link to the user dropped; recovering …");
        }
      }

      @Override
      public void notice(SessionModel s, io.webassist.cobrowse.Notice notice) {
        out.println("! " + notice.message());
      }

      @Override
      public void presenceChanged(SessionModel s) {
        out.println("* " + SessionModel.presenceText(s));
      }

      @Override
      public void transferChanged(SessionModel s) {
        if (s.transfer() == SessionModel.Transfer.FAILED) {
          out.println("* Transfer of session " + s.sessionId() + " failed (" + s.transferFailure() + "); it goes on");
        } else if (s.transfer() == SessionModel.Transfer.PENDING) {
          out.println("* Transfer of session " + s.sessionId() + " asked; it goes on until a colleague takes it");
        }
      }
    });
  }
}
