package io.webassist.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.Notice;
import io.webassist.link.session.LinkState;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.UnavailableReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text client without a terminal stays while there is still hope of help, judged by reason code. */
class EndWatchingViewTest {

  private final List<String> shown = new ArrayList<>();
  private final EndWatchingView view = new EndWatchingView(new ClientView() {
    @Override public void connection(ConnectionPhase phase) { shown.add(phase.name()); }
    @Override public void queued(QueueSpot spot) { shown.add("queued " + spot.position()); }
    @Override public void unavailable(UnavailableReason reason) { shown.add("unavailable " + reason); }
    @Override public void refused(String code, String message) { shown.add("refused " + code); }
    @Override public void assigned(String agentName, CobrowseSession session) { shown.add("assigned " + agentName); }
    @Override public void linkChanged(LinkState state, LinkPath path) { shown.add("link " + state); }
    @Override public void notice(Notice notice) { shown.add(notice.message()); }
    @Override public void pageChanged(String url) { shown.add("page " + url); }
    @Override public void ended(EndReason reason) { shown.add("ended " + reason); }
  });

  @Test
  void sessionTheAgentEndsIsTheEnd() {
    view.ended(EndReason.RESOLVED);

    assertThat(view.ended()).isCompletedWithValue(new EndWatchingView.Outcome(EndReason.RESOLVED, null, null));
    assertThat(shown).containsExactly("ended RESOLVED");
  }

  @Test
  void agentLeavingOrALostConnectionIsNotTheEndTheRequestComesBack() {
    view.ended(EndReason.AGENT_LEFT);
    view.ended(EndReason.USER_LEFT);
    view.ended(EndReason.TRANSFERRED);

    assertThat(view.ended()).isNotDone();
    assertThat(shown).containsExactly("ended AGENT_LEFT", "ended USER_LEFT", "ended TRANSFERRED");
  }

  @Test
  void nobodyToHelpIsTheEndToo() {
    view.unavailable(UnavailableReason.NO_AGENTS);

    assertThat(view.ended()).isCompletedWithValue(new EndWatchingView.Outcome(null, UnavailableReason.NO_AGENTS, null));
  }

  @Test
  void anUnknownReasonCodeReadsAsOtherAndEnds() {
    view.ended(EndReason.of("something_new"));

    assertThat(view.ended()).isCompletedWithValue(new EndWatchingView.Outcome(EndReason.OTHER, null, null));
  }
}
