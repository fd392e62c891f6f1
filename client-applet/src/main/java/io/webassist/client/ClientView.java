package io.webassist.client;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.Notice;
import io.webassist.link.session.LinkState;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.UnavailableReason;

/**
 * What the assist client shows the person asking for help: always what is happening — connecting,
 * queue position, who is helping, the chat. {@link AssistClient} reports codes and models, never
 * sentences: each view words them itself. Called on the link thread; a Swing view hops to the EDT.
 */
public interface ClientView {

  /** Free text for a log or a terminal; a window need not show it and never compares it. */
  default void status(String text) {}

  /** Where the client stands with the dispatch server. */
  void connection(ConnectionPhase phase);

  void queued(QueueSpot spot);

  /** Nobody can take the request ({@code support.unavailable}). */
  void unavailable(UnavailableReason reason);

  /** The server refused the request itself (an {@code error} frame before it was queued). */
  void refused(String code, String message);

  /**
   * An agent took the request. {@code session} is the shared chat and co-browse model of this
   * session; it lives on the link thread (this call runs there): a view registers its listeners
   * now and copies what it needs to its own thread.
   */
  void assigned(String agentName, CobrowseSession session);

  /** The link to the agent changed state; {@code path} is known once it is {@link LinkState#UP}. */
  void linkChanged(LinkState state, LinkPath path);

  void notice(Notice notice);

  /**
   * The shared page moved to {@code url} (the agent navigated, with the person's consent) and the
   * person's browser tab is not following by itself through the page bridge: the view offers the address.
   */
  void pageChanged(String url);

  /**
   * The session ended. {@link EndReason#AGENT_LEFT} and {@link EndReason#USER_LEFT} are not the
   * end of the help: the request is back in the queue ({@code queued} follows).
   */
  void ended(EndReason reason);

  /** Whether {@code reason} ends the help for good, rather than putting the request back in the queue. */
  static boolean isFinal(EndReason reason) {
    return reason != EndReason.AGENT_LEFT && reason != EndReason.USER_LEFT && reason != EndReason.TRANSFERRED;
  }
}
