package io.webassist.console.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.cobrowse.PageState;
import io.webassist.console.testing.RecordingPageView;
import io.webassist.console.testing.TestServer;
import io.webassist.console.testing.TestUser;
import io.webassist.protocol.frame.CobrowseClick;
import io.webassist.protocol.frame.CobrowseInput;
import io.webassist.protocol.frame.CobrowsePointer;
import io.webassist.protocol.frame.SessionEvent;
import java.awt.event.KeyEvent;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JPanelFixture;
import org.junit.jupiter.api.Test;

/**
 * The agent's window against a real dispatch server, with users played by the link library: offers,
 * session tabs, chat, the page view's events both ways, two sessions at once, decline, expiry and a
 * server restart (claims 73–76, 88–110).
 */
class ConsoleWindowTest extends UiTestBase {
  // AssertJ Swing's KeyPressInfo takes the old modifier masks
  @SuppressWarnings("deprecation")
  private static final int CTRL = java.awt.event.InputEvent.CTRL_MASK;
  @SuppressWarnings("deprecation")
  private static final int SHIFT = java.awt.event.InputEvent.SHIFT_MASK;

  @Override
  TestServer startTestServer() {
    // long enough to click, short enough for the expiry test
    return TestServer.start(config -> config.withOfferTimeoutMs(6_000));
  }

  @Test
  void anOfferCardShowsNamePhoneIpCustomerAndPage() {
    FrameFixture window = logIn("bob");
    ask("Ada Lovelace", "+44 20 7946 0000", "acme-42", "/cart.html");

    JPanelFixture card = offerCard(window, "Ada Lovelace");
    card.label("offerPhone").requireText("Phone +44 20 7946 0000");
    card.label("offerIp").requireText("IP 127.0.0.1");
    card.label("offerCustomer").requireText("Customer acme-42");
    card.label("offerPage").requireText("Page " + SITE + "/cart.html");
    card.label("offerGroup").requireText("Group general");
    assertThat(card.label("offerCountdown").text()).startsWith("Expires in");
    card.button("accept").requireEnabled();
    card.button("decline").requireEnabled();
  }

  @Test
  void acceptOpensATabWhosePageViewLoadsTheUsersPage() {
    FrameFixture window = logIn("bob");
    TestUser ada = ask("Ada", "+44 20 7946 0000", "acme-42", "/cart.html");

    acceptAndLink(window, "Ada", ada);

    window.label("userName").requireText("Ada");
    window.textBox("userPhone").requireText("+44 20 7946 0000").requireNotEditable();
    window.label("userIp").requireText("IP 127.0.0.1");
    window.label("userCustomer").requireText("Customer acme-42");
    window.label("load").requireText("Sessions 1 of 3");
    assertThat(pageViews).hasSize(1);
    assertThat(pageViews.get(0).loads).first().isEqualTo(SITE + "/cart.html");
    assertThat(pageViews.get(0).offEdtCalls).isEmpty();
    assertThat(offerCards(mains.get(0))).isZero();
  }

  @Test
  void chatCrossesBothWaysWithTypingIndicators() {
    FrameFixture window = logIn("bob");
    TestUser ada = ask("Ada", null, "acme-42", "/cart.html");
    acceptAndLink(window, "Ada", ada);

    window.textBox("chatInput").enterText("Hello Ada, I can see your cart.");
    await().until(ada::agentTyping);
    window.textBox("chatInput").pressAndReleaseKeys(KeyEvent.VK_ENTER);
    await().untilAsserted(() -> assertThat(ada.chatTexts()).containsExactly("Hello Ada, I can see your cart."));
    await().until(() -> !ada.agentTyping());

    ada.act(model -> model.typing(true));
    await().ignoreExceptions().untilAsserted(() -> window.label("typing").requireText("Ada is typing …"));
    ada.chat("The pay button does nothing.");
    await().ignoreExceptions().untilAsserted(() -> assertThat(window.textBox("chatLog").text().split("\n"))
        .anySatisfy(line -> assertThat(line).endsWith("Ada: The pay button does nothing."))
        .anySatisfy(line -> assertThat(line).matches("\\[\\d\\d:\\d\\d:\\d\\d] You: Hello Ada, I can see your cart\\.")));
    window.label("typing").requireText(" ");
  }

  @Test
  void longChatLinesWrapInsideThePaneWithoutSidewaysScrolling() {
    FrameFixture window = logIn("bob");
    TestUser ada = ask("Ada", null, "acme-42", "/cart.html");
    acceptAndLink(window, "Ada", ada);

    String words = "The voucher code from the newsletter is refused at checkout although it has not expired yet. ".repeat(4);
    String url = "https://shop.example.com/checkout/" + "very-long-path-segment-".repeat(12) + "end";
    ada.chat(words + url);
    javax.swing.JTextArea log = (javax.swing.JTextArea) window.textBox("chatLog").target();
    await().untilAsserted(() -> assertThat(GuiActionRunner.execute((java.util.concurrent.Callable<String>) log::getText)).endsWith(url));

    GuiActionRunner.execute(() -> {
      javax.swing.JViewport viewport = (javax.swing.JViewport) log.getParent();
      javax.swing.JScrollPane scroll = (javax.swing.JScrollPane) viewport.getParent();
      assertThat(scroll.getHorizontalScrollBar().isVisible()).as("no sideways scrolling").isFalse();
      assertThat(log.getWidth()).as("the text fits the pane's width").isLessThanOrEqualTo(viewport.getWidth());
      try {
        int start = log.getText().indexOf(words);
        double firstRow = log.modelToView2D(start).getY();
        double urlEnd = log.modelToView2D(log.getText().length()).getY();
        double urlStart = log.modelToView2D(log.getText().indexOf(url)).getY();
        assertThat(urlStart).as("the words wrap onto several rows").isGreaterThan(firstRow);
        assertThat(urlEnd).as("the long URL wraps too").isGreaterThan(urlStart);
      } catch (javax.swing.text.BadLocationException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void theUsersPointerClickAndInputReachThePageViewAndTheActivityList() {
    FrameFixture window = logIn("bob");
    TestUser ada = ask("Ada", null, "acme-42", "/cart.html");
    acceptAndLink(window, "Ada", ada);

    ada.allowCobrowsing();
    ada.act(model -> model.pointer(120, 340));
    ada.act(model -> model.click(120, 340, "#pay"));
    ada.typeInto("email", "ada@example.com");

    RecordingPageView page = pageViews.get(0);
    await().untilAsserted(() -> assertThat(page.userEvents).extracting(SessionEvent::getClass)
        .contains(CobrowsePointer.class, CobrowseClick.class, CobrowseInput.class));
    await().ignoreExceptions().untilAsserted(() -> assertThat(window.list("activity").contents())
        .anySatisfy(line -> assertThat(line).endsWith("pointer at 120,340"))
        .anySatisfy(line -> assertThat(line).endsWith("clicked #pay at 120,340"))
        .anySatisfy(line -> assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d  typed in email: ada@example.com")));
    assertThat(page.offEdtCalls).isEmpty();
  }

  @Test
  void theNewestActivityLineStaysInView() {
    FrameFixture window = logIn("bob");
    TestUser ada = ask("Ada", null, "acme-42", "/cart.html");
    acceptAndLink(window, "Ada", ada);
    ada.allowCobrowsing();

    for (int field = 1; field <= 20; field++) {
      ada.typeInto("field" + field, "value " + field); // a line per field: more than the list shows
    }

    javax.swing.JList<?> activity = window.list("activity").target();
    await().ignoreExceptions().untilAsserted(() -> assertThat(window.list("activity").contents())
        .anySatisfy(line -> assertThat(line).endsWith("typed in field20: value 20")));
    await().untilAsserted(() -> assertThat(GuiActionRunner.execute(
        () -> activity.getLastVisibleIndex() == activity.getModel().getSize() - 1)).isTrue());
    assertThat(GuiActionRunner.execute(activity::getFirstVisibleIndex)).as("the list is scrolled").isPositive();
  }

  @Test
  void theAgentsNavigateScrollAndHighlightInThePageViewReachTheUsersModel() {
    FrameFixture window = logIn("bob");
    TestUser ada = ask("Ada", null, "acme-42", "/cart.html");
    acceptAndLink(window, "Ada", ada);
    ada.allowCobrowsing();
    await().ignoreExceptions().untilAsserted(() -> assertThat(window.label("sessionNotice").text())
        .isIn("the user allowed co-browsing", "co-browsing with the user's page"));

    RecordingPageView page = pageViews.get(0);
    GuiActionRunner.execute(() -> {
      page.listener().navigated(SITE + "/premium.html");
      page.listener().scrolled(0, 640, "#offers", 0, 12);
      page.listener().highlighted("#buy", 40, 700, 160, 48);
    });

    await().untilAsserted(() -> {
      PageState.View user = ada.page();
      assertThat(user.url()).isEqualTo(SITE + "/premium.html");
      assertThat(user.scrollY()).isEqualTo(640);
      assertThat(user.highlight()).isEqualTo(new PageState.Highlight("#buy", 40, 700, 160, 48));
    });
    assertThat(page.loads).as("the console loads the page the agent went to").last().isEqualTo(SITE + "/premium.html");

    // a page the URL policy forbids is not opened, and the agent is told why
    GuiActionRunner.execute(() -> page.listener().navigated("file:///etc/passwd"));
    await().ignoreExceptions().untilAsserted(() -> assertThat(window.label("sessionNotice").text())
        .contains("not opening file:///etc/passwd"));
    assertThat(ada.page().url()).isEqualTo(SITE + "/premium.html");
    assertThat(page.loads).doesNotContain("file:///etc/passwd");
    assertThat(page.userEvents).last().isInstanceOfSatisfying(io.webassist.protocol.frame.CobrowseRefused.class,
        r -> assertThat(r.url()).isEqualTo("file:///etc/passwd"));
    // the next navigation that goes through clears the refusal
    GuiActionRunner.execute(() -> page.listener().navigated(SITE + "/cart.html"));
    await().untilAsserted(() -> assertThat(ada.page().url()).isEqualTo(SITE + "/cart.html"));
    await().ignoreExceptions().untilAsserted(() -> assertThat(window.label("sessionNotice").text()).isBlank());

    // the page view's own switches (SessionPanel has none): the keys reach them
    window.textBox("chatInput").pressAndReleaseKey(org.assertj.swing.core.KeyPressInfo.keyCode(KeyEvent.VK_H).modifiers(CTRL, SHIFT));
    window.textBox("chatInput").pressAndReleaseKey(org.assertj.swing.core.KeyPressInfo.keyCode(KeyEvent.VK_F).modifiers(CTRL, SHIFT));
    await().untilAsserted(() -> {
      assertThat(page.highlightTool).containsExactly(true);
      assertThat(page.follow).containsExactly(true, false);
    });
  }

  @Test
  void twoSessionsAtOnceEachWithItsOwnTabAndChat() {
    FrameFixture window = logIn("bob");
    TestUser ada = ask("Ada", null, "acme-42", "/cart.html");
    acceptAndLink(window, "Ada", ada);
    TestUser grace = ask("Grace", null, "acme-43", "/help.html");
    offerCard(window, "Grace").button("accept").click();
    grace.awaitLinked();

    window.label("load").requireText("Sessions 2 of 3");
    window.tabbedPane("sessions").requireTabTitles("Ada", "Grace");
    await().ignoreExceptions().untilAsserted(() -> window.label("linkState").requireText("Link direct · live"));
    window.textBox("chatInput").enterText("Hello Grace\n");
    await().untilAsserted(() -> assertThat(grace.chatTexts()).containsExactly("Hello Grace"));

    // Ada writes while Grace's tab is in view: Ada's tab gets an unread mark
    ada.chat("Still there?");
    await().ignoreExceptions().untilAsserted(() -> window.tabbedPane("sessions").requireTabTitles("● Ada (1)", "Grace"));
    window.tabbedPane("sessions").selectTab(0);
    window.tabbedPane("sessions").requireTabTitles("Ada", "Grace");
    window.textBox("chatInput").enterText("Yes, Ada\n");
    await().untilAsserted(() -> assertThat(ada.chatTexts()).containsExactly("Still there?", "Yes, Ada"));
    assertThat(grace.chatTexts()).containsExactly("Hello Grace");
    assertThat(pageViews).extracting(v -> v.loads.get(0)).containsExactly(SITE + "/cart.html", SITE + "/help.html");
  }

  @Test
  void declineRemovesTheCard() {
    FrameFixture window = logIn("bob");
    ask("Ada", null, "acme-42", "/cart.html");

    offerCard(window, "Ada").button("decline").click();

    await().until(() -> offerCards(mains.get(0)) == 0);
    window.label("notice").requireText("Offer from Ada gone: declined");
  }

  @Test
  void anOfferNotAnsweredExpiresAndItsCardGoesSayingSo() {
    FrameFixture window = logIn("bob");
    ask("Ada", null, "acme-42", "/cart.html");
    offerCard(window, "Ada");

    await().atMost(java.time.Duration.ofSeconds(20)).until(() -> offerCards(mains.get(0)) == 0);
    window.label("notice").requireText("Offer from Ada gone: expired");
  }

  @Test
  void anEndedSessionKeepsItsTabReadOnlyWithTheTranscriptUntilTheAgentClosesIt() {
    FrameFixture window = logIn("bob");
    TestUser ada = ask("Ada", null, "acme-42", "/cart.html");
    acceptAndLink(window, "Ada", ada);
    ada.chat("My order number is 4711");
    await().ignoreExceptions().untilAsserted(() -> assertThat(window.textBox("chatLog").text()).contains("4711"));
    window.textBox("chatInput").enterText("Thanks, I am looking it up\n");
    await().untilAsserted(() -> assertThat(ada.chatTexts()).hasSize(2));

    window.button("endSession").click();
    pressOk(window);

    await().untilAsserted(() -> assertThat(ada.link().state().name()).isEqualTo("ENDED"));
    await().ignoreExceptions().untilAsserted(() -> window.label("notice")
        .requireText("Session with Ada ended: you ended it (resolved)"));
    window.label("load").requireText("Sessions 0 of 3");
    // the tab stays: why it ended, the transcript for the agent's notes, nothing more to send, the page freed
    assertThat(window.label("sessionEnded").text()).startsWith("Session ended: you ended it (resolved).");
    window.tabbedPane("sessions").requireTabTitles("Ada (ended)");
    assertThat(window.textBox("chatLog").text()).contains("Ada: My order number is 4711",
        "You: Thanks, I am looking it up");
    window.textBox("chatInput").requireDisabled();
    window.button("send").requireDisabled();
    assertThat(visible(mains.get(0), "endSession")).isFalse();
    assertThat(pageViews.get(0).disposed()).isTrue();
    window.textBox("lastPage").requireText(SITE + "/cart.html");

    window.button("closeTab").click();
    await().ignoreExceptions().untilAsserted(() -> window.label("noSessions").requireVisible());
    assertThat(GuiActionRunner.execute(() -> findByName(mains.get(0).frame().getContentPane(), "chatLog"))).isNull();
  }

  @Test
  void whenThePersonEndsTheSessionTheAgentIsToldTheyDid() {
    FrameFixture window = logIn("bob");
    TestUser ada = ask("Ada", null, "acme-42", "/cart.html");
    acceptAndLink(window, "Ada", ada);

    // the person's End sends "resolved", as the agent's End… does
    ada.link().end(io.webassist.protocol.frame.EndReason.RESOLVED.code());

    await().ignoreExceptions().untilAsserted(() -> window.label("notice").requireText("Session with Ada ended: Ada ended it"));
    assertThat(window.label("sessionEnded").text()).startsWith("Session ended: Ada ended it.");
  }

  @Test
  void endedTabsStayBesideNewSessionsUpToThreeAndCtrlWClosesOne() {
    FrameFixture window = logIn("bob");
    String[] names = {"Ada", "Grace", "Linus", "Alan"};
    for (String name : names) {
      TestUser user = ask(name, null, "acme-" + name.toLowerCase(), "/cart.html");
      acceptAndLink(window, name, user); // a new session opens its own tab beside the ended ones
      window.label("load").requireText("Sessions 1 of 3");
      window.textBox("chatInput").requireEnabled();
      user.link().end(io.webassist.protocol.frame.EndReason.USER_LEFT.code()); // the user leaves
      await().ignoreExceptions().untilAsserted(() -> window.label("notice")
          .requireText("Session with " + name + " ended: the user left"));
      window.label("load").requireText("Sessions 0 of 3");
    }
    // the oldest ended tab gave way to the fourth
    window.tabbedPane("sessions").requireTabTitles("Grace (ended)", "Linus (ended)", "Alan (ended)");
    assertThat(window.label("sessionEnded").text()).startsWith("Session ended: the user left.");
    assertThat(pageViews).allMatch(RecordingPageView::disposed);

    // no window manager under Xvfb: keys go to the window under the pointer
    window.label("load").click();
    window.comboBox("availability").pressAndReleaseKey(org.assertj.swing.core.KeyPressInfo.keyCode(KeyEvent.VK_W)
        .modifiers(CTRL));
    window.tabbedPane("sessions").requireTabTitles("Grace (ended)", "Linus (ended)");
  }

  @Test
  void ctrlWDoesNotCloseARunningSessionsTab() {
    FrameFixture window = logIn("bob");
    TestUser ada = ask("Ada", null, "acme-42", "/cart.html");
    acceptAndLink(window, "Ada", ada);

    window.textBox("chatInput").pressAndReleaseKey(org.assertj.swing.core.KeyPressInfo.keyCode(KeyEvent.VK_W)
        .modifiers(CTRL));

    window.label("notice").requireText("The session with Ada is still running: end it first (Ctrl+E)");
    window.tabbedPane("sessions").requireTabTitles("Ada");
    window.label("load").requireText("Sessions 1 of 3");
  }

  @Test
  void aServerRestartShowsTheBannerAndTheConsoleRecoversByItself() {
    FrameFixture window = logIn("bob");
    MainWindow main = mains.get(0);
    assertThat(visible(main, "banner")).isFalse();
    // a refusal from the server before the restart (as AgentDesk records an error frame)
    GuiActionRunner.execute(() -> desks.get(0).model().status().problem(
        new io.webassist.console.model.DeskStatus.Problem("over_capacity", "Too many sessions.")));
    window.label("notice").requireText("The server said: Too many sessions.");

    server.stop();
    await().until(() -> visible(main, "banner"));
    window.label("banner").requireText("Connection to the server lost — reconnecting …");
    window.label("connection").requireText("Reconnecting …");

    server.restart();
    await().atMost(java.time.Duration.ofSeconds(40)).ignoreExceptions()
        .untilAsserted(() -> window.label("connection").requireText("Connected to " + server.address()));
    assertThat(visible(main, "banner")).isFalse();
    // logged in again: the old refusal no longer applies and is gone from the status bar
    await().ignoreExceptions().untilAsserted(() -> assertThat(window.label("notice").text()).doesNotContain("The server said"));
    // logged in again: offers arrive
    ask("Ada", null, "acme-42", "/cart.html");
    offerCard(window, "Ada");
  }

  @Test
  void cannedRepliesArePickedByTypingSlashAndAShortcut() {
    FrameFixture window = logIn("bob");
    // what agent.ready carries once the server configures replies per group (the protocol has the field)
    GuiActionRunner.execute(() -> desks.get(0).model().status().loggedIn(new io.webassist.protocol.frame.AgentReady(
        "bob", "Bob", java.util.List.of("general"), java.util.List.of(
            new io.webassist.protocol.frame.CannedReply("general", "hello", "Hello! How can I help you today?"),
            new io.webassist.protocol.frame.CannedReply("general", "wait", "One moment please, I am checking."),
            new io.webassist.protocol.frame.CannedReply("premium", "vip", "Welcome back!")))));
    TestUser ada = ask("Ada", null, "acme-42", "/cart.html");
    acceptAndLink(window, "Ada", ada);

    window.textBox("chatInput").enterText("/");
    await().ignoreExceptions().untilAsserted(() -> assertThat(window.list("cannedReplies").contents()).containsExactly(
        "/hello — Hello! How can I help you today?", "/wait — One moment please, I am checking."));
    window.textBox("chatInput").enterText("w");
    window.list("cannedReplies").requireSelection("/wait — One moment please, I am checking.");
    window.textBox("chatInput").pressAndReleaseKeys(KeyEvent.VK_ENTER);
    window.textBox("chatInput").requireText("One moment please, I am checking.");
    window.textBox("chatInput").pressAndReleaseKeys(KeyEvent.VK_ENTER);

    await().untilAsserted(() -> assertThat(ada.chatTexts()).containsExactly("One moment please, I am checking."));
  }

  /** The focus owner's name, read on the EDT (null: none). */
  private static String focusOwner() {
    return GuiActionRunner.execute(() -> {
      java.awt.Component owner = java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
      return owner == null ? null : owner.getName();
    });
  }

  @Test
  void afterAcceptingTheKeyboardIsInTheNewSessionsChatInput() {
    FrameFixture window = logIn("bob");
    TestUser ada = ask("Ada", "+44 20 7946 0000", "acme-42", "/cart.html");
    acceptAndLink(window, "Ada", ada);
    await().untilAsserted(() -> assertThat(focusOwner()).isEqualTo("chatInput"));
    window.robot().enterText("Typed at once\n");
    await().untilAsserted(() -> assertThat(ada.chatTexts()).containsExactly("Typed at once"));

    // the second offer by the keyboard: the focus is in Ada's chat, it moves to Grace's
    TestUser grace = ask("Grace", "+44 20 7946 0001", "acme-43", "/help.html");
    offerCard(window, "Grace");
    window.textBox("chatInput").pressAndReleaseKey(org.assertj.swing.core.KeyPressInfo.keyCode(KeyEvent.VK_A)
        .modifiers(CTRL, SHIFT));
    grace.awaitLinked();
    window.tabbedPane("sessions").requireTabTitles("Ada", "Grace");
    await().untilAsserted(() -> assertThat(focusOwner()).isEqualTo("chatInput"));
    window.robot().enterText("Hello Grace\n");
    await().untilAsserted(() -> assertThat(grace.chatTexts()).containsExactly("Hello Grace"));
    assertThat(ada.chatTexts()).containsExactly("Typed at once");
  }

  @Test
  void everythingWorksFromTheKeyboard() {
    FrameFixture window = logIn("bob");
    TestUser ada = ask("Ada", null, "acme-42", "/cart.html");
    offerCard(window, "Ada");
    // no window manager under Xvfb: keys go to the window under the pointer
    window.label("load").click();
    window.comboBox("availability").focus();

    window.comboBox("availability").pressAndReleaseKey(org.assertj.swing.core.KeyPressInfo.keyCode(KeyEvent.VK_A)
        .modifiers(CTRL, SHIFT));
    ada.awaitLinked();
    window.comboBox("availability").pressAndReleaseKey(org.assertj.swing.core.KeyPressInfo.keyCode(KeyEvent.VK_L)
        .modifiers(CTRL));
    window.textBox("chatInput").requireFocused();
    window.robot().enterText("Typed without a mouse\n");
    await().untilAsserted(() -> assertThat(ada.chatTexts()).containsExactly("Typed without a mouse"));

    window.textBox("chatInput").pressAndReleaseKey(org.assertj.swing.core.KeyPressInfo.keyCode(KeyEvent.VK_E)
        .modifiers(CTRL));
    pressOk(window);
    await().untilAsserted(() -> assertThat(ada.link().state().name()).isEqualTo("ENDED"));
  }
}
