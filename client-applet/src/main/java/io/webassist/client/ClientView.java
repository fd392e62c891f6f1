package io.webassist.client;

import io.webassist.cobrowse.Notice;
import io.webassist.protocol.frame.LinkPath;

/**
 * What the assist client shows the person asking for help: always what is happening — connecting,
 * queue position, who is helping, the chat. Called on the link thread; a Swing view hops to the EDT.
 */
public interface ClientView {
  void status(String text);

  void queued(int position, String reason);

  void assigned(String agentName);

  void linked(LinkPath path);

  void chat(String from, String text);

  void notice(Notice notice);

  void pageChanged(String url);

  void ended(String reason);
}
