package io.webassist.client.ui;

import io.webassist.client.ClientView;
import io.webassist.client.ConnectionPhase;
import io.webassist.client.QueueSpot;
import io.webassist.cobrowse.ChatLog;
import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.Notice;
import io.webassist.cobrowse.PageState;
import io.webassist.cobrowse.Side;
import io.webassist.link.session.LinkState;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.UnavailableReason;
import java.util.function.Consumer;

/**
 * The bridge from {@link io.webassist.client.AssistClient}'s link thread to the window's model on
 * the EDT: every report is copied into plain values and handed over with {@link Edt#run}, and the
 * session's chat and co-browse model is listened to on the link thread, where it lives.
 */
final class SwingClientView implements ClientView {

  private final AssistWindowModel model;
  private final Consumer<String> navigation;

  /**
   * @param navigation told (on the EDT) when the agent takes the shared page to an address
   */
  SwingClientView(AssistWindowModel model, Consumer<String> navigation) {
    this.model = model;
    this.navigation = navigation;
  }

  @Override
  public void connection(ConnectionPhase phase) {
    Edt.run(() -> model.connection(phase));
  }

  @Override
  public void queued(QueueSpot spot) {
    Edt.run(() -> model.queued(spot));
  }

  @Override
  public void unavailable(UnavailableReason reason) {
    Edt.run(() -> model.unavailable(reason));
  }

  @Override
  public void refused(String code, String message) {
    Edt.run(() -> model.refused(message));
  }

  @Override
  public void assigned(String agentName, CobrowseSession session) {
    // on the link thread, where the session lives: listen before its first event can arrive
    session.chat().addListener(new ChatLog.Listener() {
      @Override
      public void messageAdded(ChatLog.Entry entry) {
        boolean fromAgent = entry.sender() == Side.AGENT;
        AssistWindowModel.ChatLine line =
            new AssistWindowModel.ChatLine(fromAgent ? agentName : "You", fromAgent, entry.text(), entry.ts());
        Edt.run(() -> model.chatAdded(line));
      }

      @Override
      public void peerTypingChanged(boolean typing) {
        Edt.run(() -> model.agentTyping(typing));
      }
    });
    session.page().addListener((page, change) -> {
      if (change == PageState.Change.CONSENT || change == PageState.Change.SNAPSHOT) {
        boolean allowed = page.consent();
        Edt.run(() -> model.consent(allowed));
      }
    });
    Edt.run(() -> model.assigned(agentName));
  }

  @Override
  public void linkChanged(LinkState state, LinkPath path) {
    Edt.run(() -> model.linkChanged(state, path));
  }

  @Override
  public void notice(Notice notice) {
    Edt.run(() -> model.notice(notice));
  }

  @Override
  public void pageChanged(String url) {
    Edt.run(() -> navigation.accept(url));
  }

  @Override
  public void ended(EndReason reason) {
    Edt.run(() -> model.ended(reason));
  }
}
