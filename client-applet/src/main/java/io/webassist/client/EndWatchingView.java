package io.webassist.client;

import io.webassist.cobrowse.Notice;
import io.webassist.protocol.frame.LinkPath;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ClientView} that passes everything on and completes {@link #ended()} when the request
 * or session is over: what a client without a terminal ({@code --no-terminal}) waits for. A session
 * that ended because its agent left is not the end: the server puts the request back in the queue;
 * nor is one the server ended because it lost this client's connection: the client asks again.
 */
final class EndWatchingView implements ClientView {

  /** The server's reason when the agent went away; it re-queues the request (support.queued follows). */
  private static final String AGENT_LEFT = "agent_left";
  /** The server's reason when it lost this client's connection; {@link AssistClient} asks again. */
  private static final String USER_LEFT = "user_left";

  private final ClientView delegate;
  private final CompletableFuture<String> ended = new CompletableFuture<>();

  EndWatchingView(ClientView delegate) {
    this.delegate = delegate;
  }

  /** Completes with the reason when the session or the request has ended. */
  CompletableFuture<String> ended() {
    return ended;
  }

  @Override
  public void status(String text) {
    delegate.status(text);
  }

  @Override
  public void queued(int position, String reason) {
    delegate.queued(position, reason);
  }

  @Override
  public void assigned(String agentName) {
    delegate.assigned(agentName);
  }

  @Override
  public void linked(LinkPath path) {
    delegate.linked(path);
  }

  @Override
  public void chat(String from, String text) {
    delegate.chat(from, text);
  }

  @Override
  public void notice(Notice notice) {
    delegate.notice(notice);
  }

  @Override
  public void pageChanged(String url) {
    delegate.pageChanged(url);
  }

  @Override
  public void ended(String reason) {
    delegate.ended(reason);
    if (!AGENT_LEFT.equals(reason) && !USER_LEFT.equals(reason)) {
      ended.complete(reason);
    }
  }
}
