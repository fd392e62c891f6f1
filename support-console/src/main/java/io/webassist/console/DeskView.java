package io.webassist.console;

import io.webassist.cobrowse.Notice;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportOffer;

/**
 * What the agent's console shows: offers with who asks and from where, sessions, chat, the user's
 * page. Called on the link thread; a Swing view hops to the EDT.
 */
public interface DeskView {
  void status(String text);

  void offer(SupportOffer offer);

  void offerGone(String requestId, String reason);

  /** A session began: the console opens the user's page (claims 88, 89, 99, 100). */
  void sessionStarted(SessionStart start);

  void linked(String sessionId, LinkPath path);

  void chat(String sessionId, String from, String text);

  /** Something the user did on the page (claims 94, 105). */
  void userActivity(String sessionId, String description);

  void notice(String sessionId, Notice notice);

  void sessionEnded(String sessionId, String reason);
}
