package io.webassist.console.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.console.testing.TestUser;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.assertj.swing.fixture.JPanelFixture;
import org.junit.jupiter.api.Test;

/**
 * The window's parts that need the server to push the frames of issue 9: {@code queue.status} (the live
 * queue) and {@code session.transfer} / {@code support.offer.transfer} / {@code session.transfer_failed}
 * (handing a session to a colleague), and {@code session.user_presence} (the user's connection to the
 * server away), each against the real dispatch server (docs/PROTOCOL.md).
 */
class ServerPushedFramesTest extends UiTestBase {

  @Test
  void theQueueViewCountsWaitingUsersPerGroupLive() {
    FrameFixture window = logIn("alice");
    window.comboBox("availability").selectItem("Away");
    ask("Grace", null, "vip-7", "/premium.html");
    ask("Ada", null, "acme-42", "/cart.html");
    ask("Linus", null, "acme-43", "/cart.html");

    await().ignoreExceptions().untilAsserted(() -> {
      java.util.List<String[]> rows = java.util.List.of(window.table("queue").contents());
      assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("general", "2"));
      assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("premium", "1"));
    });

    window.comboBox("availability").selectItem("Available");
    offerCard(window, "Grace").button("accept").click();
    await().ignoreExceptions().untilAsserted(() -> assertThat(java.util.List.of(window.table("queue").contents()))
        .anySatisfy(row -> assertThat(row).startsWith("premium", "0")));
  }

  @Test
  void aSessionTransferredToASecondConsoleOpensThereAndEndsHereSayingSo() {
    FrameFixture carol = logIn("carol");
    carol.comboBox("availability").selectItem("Away");
    FrameFixture bob = logIn("bob");
    TestUser ada = ask("Ada", null, "acme-42", "/cart.html");
    acceptAndLink(bob, "Ada", ada);
    carol.comboBox("availability").selectItem("Available");

    bob.button("transfer").click();
    JOptionPaneFixture dialog = bob.optionPane();
    dialog.textBox("transferTarget").enterText("carol");
    dialog.textBox("transferNote").enterText("wants a refund");
    pressOk(bob);
    await().ignoreExceptions().untilAsserted(() -> assertThat(bob.label("transferState").text())
        .startsWith("Transfer asked"));

    JPanelFixture card = offerCard(carol, "Ada");
    card.label("offerTransfer").requireText("From Bob: “wants a refund”");
    card.button("accept").click();

    await().ignoreExceptions().untilAsserted(() -> carol.label("userName").requireText("Ada"));
    await().ignoreExceptions().untilAsserted(() -> bob.label("notice")
        .requireText("Session with Ada handed over to a colleague"));
    bob.label("load").requireText("Sessions 0 of 3");
    carol.label("handedOverBy").requireText("Handed over by bob: “wants a refund”");
    // bob keeps the ended tab, read-only, for his notes
    assertThat(bob.label("sessionEnded").text()).startsWith("Session ended: handed over to a colleague.");
    bob.tabbedPane("sessions").requireTabTitles("Ada (ended)");
    bob.textBox("chatInput").requireDisabled();
    // the user's listener belongs to the first session: carol's link goes through the relay, and says why
    await().ignoreExceptions().untilAsserted(() -> carol.label("linkState").requireText("Link relay · live"));
    String why = org.assertj.swing.edt.GuiActionRunner.execute(() -> carol.label("linkState").target().getToolTipText());
    assertThat(why).matches("Linked through the dispatch server's relay: the user's address 127\\.0\\.0\\.1:\\d+ "
        + "could not be reached directly\\.");
  }

  @Test
  void theLoadIsOutOfTheMaxSessionsTheServersConfigurationGivesTheAgent() {
    FrameFixture alice = logIn("alice"); // configured with maxSessions 4; the console asks nothing
    await().ignoreExceptions().untilAsserted(() -> alice.label("load").requireText("Sessions 0 of 4"));

    // an agent who asks for fewer (--max-sessions 2) gets those
    int before = mains.size();
    loginWindow(new ConsoleApp.Options(server.address(), "bob", server.fingerprint(), false, 2, profileDir, false),
        "bob-pw");
    await().until(() -> mains.size() > before);
    FrameFixture bob = new FrameFixture(robot, mains.get(mains.size() - 1).frame());
    await().ignoreExceptions().untilAsserted(() -> bob.label("load").requireText("Sessions 0 of 2"));
  }

  @Test
  void theUsersConnectionToTheServerGoingAwayIsShownInTheSessionHeader() {
    FrameFixture bob = logIn("bob");
    TestUser ada = ask("Ada", null, "acme-42", "/cart.html");
    acceptAndLink(bob, "Ada", ada);

    ada.dropDispatch(); // session.user_presence{away:true, graceMs}: the session is kept for the grace
    await().ignoreExceptions().untilAsserted(() -> assertThat(bob.label("userPresence").text())
        .startsWith("User away (kept "));
    bob.label("load").requireText("Sessions 1 of 3");
    bob.label("linkState").requireText("Link direct · live");
  }

  @Test
  void aTransferNobodyTakesIsShownAndTheSessionGoesOn() {
    FrameFixture bob = logIn("bob");
    TestUser ada = ask("Ada", null, "acme-42", "/cart.html");
    acceptAndLink(bob, "Ada", ada);

    bob.button("transfer").click();
    JOptionPaneFixture dialog = bob.optionPane();
    dialog.textBox("transferTarget").enterText("nobody-here");
    pressOk(bob);

    await().ignoreExceptions().untilAsserted(() -> assertThat(bob.label("transferState").text())
        .startsWith("Transfer failed ("));
    bob.label("load").requireText("Sessions 1 of 3");
    // the dialog has closed; without a window manager (Xvfb) the frame gets the focus back by a click
    bob.textBox("chatInput").click();
    bob.textBox("chatInput").enterText("Still with you\n");
    await().untilAsserted(() -> assertThat(ada.chatTexts()).contains("Still with you"));
  }
}
