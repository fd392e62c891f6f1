package io.webassist.link.session;

import io.webassist.link.dispatch.DispatchConnection;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionLinkReport;

/**
 * Tells the dispatch server what became of a session's link: {@code session.link{sessionId, path}}
 * each time the link comes up on a different path (for the metrics), and
 * {@code session.end{sessionId, reason:"link_lost"}} when it is lost. Pass it with the app's own
 * listener, so that it sees the first {@link LinkState#UP} too:
 * {@code links.connectAsAgent(start, SessionLink.Listener.all(app, new DispatchReporter(dispatch)))}.
 */
public final class DispatchReporter implements SessionLink.Listener {
  public static final String LINK_LOST = "link_lost";

  private final DispatchConnection dispatch;
  private LinkPath reported;

  public DispatchReporter(DispatchConnection dispatch) {
    this.dispatch = dispatch;
  }

  @Override
  public void onStateChanged(SessionLink link, LinkState state) {
    if (state == LinkState.UP && link.path() != reported) {
      reported = link.path();
      dispatch.send(new SessionLinkReport(link.sessionId(), link.path()));
    } else if (state == LinkState.LOST) {
      dispatch.send(new SessionEnd(link.sessionId(), LINK_LOST));
    }
  }
}
