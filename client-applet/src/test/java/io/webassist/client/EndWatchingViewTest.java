package io.webassist.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.cobrowse.Notice;
import io.webassist.protocol.frame.LinkPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client launched from a web page (no terminal) stays while there is still hope of help. */
class EndWatchingViewTest {

  private final List<String> shown = new ArrayList<>();
  private final EndWatchingView view = new EndWatchingView(new ClientView() {
    @Override public void status(String text) { shown.add(text); }
    @Override public void queued(int position, String reason) { shown.add("queued " + position); }
    @Override public void assigned(String agentName) { shown.add("assigned " + agentName); }
    @Override public void linked(LinkPath path) { shown.add("linked " + path); }
    @Override public void chat(String from, String text) { shown.add(from + ": " + text); }
    @Override public void notice(Notice notice) { shown.add(notice.message()); }
    @Override public void pageChanged(String url) { shown.add("page " + url); }
    @Override public void ended(String reason) { shown.add("ended " + reason); }
  });

  @Test
  void sessionTheAgentEndsIsTheEnd() {
    view.ended("resolved");

    assertThat(view.ended()).isCompletedWithValue("resolved");
    assertThat(shown).containsExactly("ended resolved");
  }

  @Test
  void agentLeavingOrALostConnectionIsNotTheEndTheRequestComesBack() {
    view.ended("agent_left");
    view.ended("user_left");

    assertThat(view.ended()).isNotDone();
    assertThat(shown).containsExactly("ended agent_left", "ended user_left");
  }
}
