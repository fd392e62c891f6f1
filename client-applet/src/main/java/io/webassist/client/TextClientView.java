package io.webassist.client;

import io.webassist.cobrowse.ChatLog;
import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.Notice;
import io.webassist.cobrowse.Side;
import io.webassist.link.session.LinkState;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.UnavailableReason;
import java.io.PrintStream;

/** The text-mode view of the assist client ({@code --text}): one line per thing that happens. */
final class TextClientView implements ClientView {

  private final PrintStream out;
  private boolean personLeaving; // the person typed /quit: the end that follows is theirs

  TextClientView(PrintStream out) {
    this.out = out;
  }

  /** The person is leaving ({@code /quit}): the end that follows is worded as theirs. */
  synchronized void personLeaving() {
    personLeaving = true;
  }

  @Override
  public synchronized void status(String text) {
    out.println("* " + text);
  }

  @Override
  public synchronized void connection(ConnectionPhase phase) {
    switch (phase) {
      case CONNECTING -> { } // status() said where to
      case REQUEST_SENT -> out.println("* Request sent; waiting for an agent");
      case RECONNECTING -> out.println("* Lost the connection to the help desk; reconnecting …");
      case RECONNECTED -> out.println("* Reconnected to the help desk");
      case RECONNECTED_ASKED_AGAIN -> out.println("* Reconnected; your request is back in the queue");
      case ASKING_AGAIN -> out.println("* Your connection to the help desk dropped; asking for help again");
      case DISCONNECTED -> out.println("* Disconnected from the help desk");
    }
  }

  @Override
  public synchronized void queued(QueueSpot spot) {
    String why = spot.requeuedBecause() == EndReason.AGENT_LEFT ? " (your agent left; you are back at the front)" : "";
    String wait = spot.estimatedWaitMs() == null ? "" : " " + Wording.estimatedWait(spot.estimatedWaitMs());
    out.println("* You are number " + spot.position() + " in the queue" + why + "." + wait);
  }

  @Override
  public synchronized void unavailable(UnavailableReason reason) {
    out.println("* " + Wording.unavailable(reason));
  }

  @Override
  public synchronized void refused(String code, String message) {
    out.println("* The help desk refused the request: " + message);
  }

  @Override
  public synchronized void assigned(String agentName, CobrowseSession session) {
    out.println("* " + agentName + " is helping you");
    session.chat().addListener(new ChatLog.Listener() {
      @Override
      public void messageAdded(ChatLog.Entry entry) {
        if (entry.sender() == Side.AGENT) {
          chat(agentName, entry.text());
        }
      }
    });
  }

  private synchronized void chat(String from, String text) {
    out.println(from + ": " + text);
  }

  @Override
  public synchronized void linkChanged(LinkState state, LinkPath path) {
    if (state == LinkState.UP) {
      out.println("* Connected to your agent (" + (path == LinkPath.DIRECT ? "direct link" : "through the relay")
          + "). Type a message and press Enter; /allow lets the agent guide your page, /stop ends that, /quit leaves.");
    } else if (state == LinkState.RECOVERING) {
      out.println("* Connection to the agent lost; reconnecting …");
    }
  }

  @Override
  public synchronized void notice(Notice notice) {
    out.println("! " + notice.message());
  }

  @Override
  public synchronized void pageChanged(String url) {
    out.println("* Page: " + url);
  }

  @Override
  public synchronized void ended(EndReason reason) {
    // the code first: scripts and the end-to-end tests read it
    out.println("* Session ended: " + reason.code() + " — " + Wording.ended(reason, personLeaving));
  }
}
