package io.webassist.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.client.ConnectionPhase;
import io.webassist.client.QueueSpot;
import io.webassist.link.session.LinkState;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.UnavailableReason;
import java.util.ArrayList;
import java.util.List;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/** The window's model without a window: screens, words and codes (run on the EDT, as in the window). */
class AssistWindowModelTest {

  private final AssistWindowModel model = new AssistWindowModel("https://shop.example/cart", new Details("Ada", null));

  private static void onEdt(Runnable steps) throws Exception {
    SwingUtilities.invokeAndWait(steps);
  }

  @Test
  void theEstimateIsShownInWholeMinutesWhenTheServerGivesOne() throws Exception {
    onEdt(() -> {
      model.asking(model.details());
      model.queued(new QueueSpot(3, 200_000L, null));
      assertThat(model.positionText()).isEqualTo("You are number 3 in the queue.");
      assertThat(model.estimateText()).isEqualTo("About 4 min to wait.");
      model.queued(new QueueSpot(2, 60_000L, null));
      assertThat(model.estimateText()).isEqualTo("About 1 min to wait.");
      // an idle agent is free: the server estimates seconds, and "About 1 min" would not be true
      model.queued(new QueueSpot(1, 4_000L, null));
      assertThat(model.estimateText()).isEqualTo("Less than a minute to wait.");
      model.queued(new QueueSpot(1, 0L, null));
      assertThat(model.estimateText()).isEqualTo("Less than a minute to wait.");
      model.queued(new QueueSpot(1, null, null));
      assertThat(model.positionText()).isEqualTo("You are next in the queue.");
      assertThat(model.estimateText()).isNull();
    });
  }

  @Test
  void anAgentLeavingIsNotTheEndTheWindowWaitsAgainAndSaysWhy() throws Exception {
    onEdt(() -> {
      model.asking(model.details());
      model.assigned("Bob");
      model.ended(EndReason.AGENT_LEFT);
      assertThat(model.screen()).isEqualTo(AssistWindowModel.Screen.WAITING);
      model.queued(new QueueSpot(1, null, EndReason.AGENT_LEFT));
      assertThat(model.waitingNote()).isEqualTo("Your agent had to leave. You are back at the front of the queue.");
    });
  }

  @Test
  void theEndIsWordedByReasonCodeAndByWhoEndedIt() throws Exception {
    onEdt(() -> {
      model.asking(model.details());
      model.assigned("Bob");
      model.ended(EndReason.LINK_LOST);
      assertThat(model.screen()).isEqualTo(AssistWindowModel.Screen.ENDED);
      assertThat(model.endedText()).isEqualTo("The connection to your agent was lost and could not be restored.");

      model.askingAgain();
      model.assigned("Bob");
      model.endingByPerson();
      model.ended(EndReason.RESOLVED);
      assertThat(model.endedText()).isEqualTo("You ended the session.");

      model.askingAgain();
      model.unavailable(UnavailableReason.QUEUE_FULL);
      assertThat(model.endedText()).contains("queue is full");
      assertThat(model.endReason()).isNull();
    });
  }

  @Test
  void theChatOutlivesTheSessionUntilThePersonAsksAgain() throws Exception {
    onEdt(() -> {
      model.asking(model.details());
      model.assigned("Bob");
      model.chatAdded(new AssistWindowModel.ChatLine("Bob", true, "Press Apply under the voucher field.", 0));
      model.ended(EndReason.LINK_LOST);
      assertThat(model.screen()).isEqualTo(AssistWindowModel.Screen.ENDED);
      assertThat(model.chat()).extracting(AssistWindowModel.ChatLine::text)
          .containsExactly("Press Apply under the voucher field.");

      model.askingAgain();
      assertThat(model.chat()).isEmpty();
    });
  }

  @Test
  void theLinkLineSaysThePathAndTheState() throws Exception {
    onEdt(() -> {
      model.assigned("Bob");
      assertThat(model.linkText()).isEqualTo("Linking to Bob …");
      model.linkChanged(LinkState.UP, LinkPath.DIRECT);
      assertThat(model.linkText()).isEqualTo("Direct link · live");
      model.linkChanged(LinkState.RECOVERING, LinkPath.RELAY);
      assertThat(model.linkText()).isEqualTo("Through the help desk's relay · reconnecting …");
    });
  }

  @Test
  void chatLinesReachListenersAndTheAgentStopsTypingWhenItsMessageArrives() throws Exception {
    List<String> added = new ArrayList<>();
    onEdt(() -> {
      model.addListener(new AssistWindowModel.Listener() {
        @Override public void changed(AssistWindowModel m) {}
        @Override public void chatAdded(AssistWindowModel.ChatLine line) { added.add(line.from() + ": " + line.text()); }
      });
      model.assigned("Bob");
      model.agentTyping(true);
      model.chatAdded(new AssistWindowModel.ChatLine("Bob", true, "Hello", 0));
      assertThat(model.agentTyping()).isFalse();
      model.connection(ConnectionPhase.RECONNECTING);
      assertThat(model.reconnecting()).isTrue();
    });
    assertThat(added).containsExactly("Bob: Hello");
  }

  @Test
  void theModelRefusesToBeTouchedOffTheEdt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.assigned("Bob"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("event thread");
  }
}
