package io.webassist.client;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.Notice;
import io.webassist.link.session.LinkState;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.UnavailableReason;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ClientView} that passes everything on and completes {@link #ended()} when the request
 * or session is over for good: what the text client without a terminal ({@code --text --no-terminal})
 * waits for. Judged by reason code ({@link ClientView#isFinal}): a session that ended because its
 * agent left, or because the server lost this client's connection, is not the end — the request
 * is back in the queue.
 */
final class EndWatchingView implements ClientView {

  /** How the help ended: a session's reason, or nobody could take the request. */
  record Outcome(EndReason ended, UnavailableReason unavailable, String refused) {}

  private final ClientView delegate;
  private final CompletableFuture<Outcome> ended = new CompletableFuture<>();

  EndWatchingView(ClientView delegate) {
    this.delegate = delegate;
  }

  /** Completes when the session or the request has ended for good. */
  CompletableFuture<Outcome> ended() {
    return ended;
  }

  @Override
  public void status(String text) {
    delegate.status(text);
  }

  @Override
  public void connection(ConnectionPhase phase) {
    delegate.connection(phase);
  }

  @Override
  public void queued(QueueSpot spot) {
    delegate.queued(spot);
  }

  @Override
  public void unavailable(UnavailableReason reason) {
    delegate.unavailable(reason);
    ended.complete(new Outcome(null, reason, null));
  }

  @Override
  public void refused(String code, String message) {
    delegate.refused(code, message);
    ended.complete(new Outcome(null, null, code));
  }

  @Override
  public void assigned(String agentName, CobrowseSession session) {
    delegate.assigned(agentName, session);
  }

  @Override
  public void linkChanged(LinkState state, LinkPath path) {
    delegate.linkChanged(state, path);
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
  public void ended(EndReason reason) {
    delegate.ended(reason);
    if (ClientView.isFinal(reason)) {
      ended.complete(new Outcome(reason, null, null));
    }
  }
}
