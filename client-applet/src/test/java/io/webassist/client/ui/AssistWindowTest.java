package io.webassist.client.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.client.Wording;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.UnavailableReason;
import java.awt.Dimension;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The assist window for real (issue 10; claims 72, 80, 88, 92, 94, 98, 109): a real window driven
 * like a person would, a real dispatch server in this JVM, and an agent played by the link library
 * with the same co-browse model the console uses.
 */
@UiTest
class AssistWindowTest {

  private static final Duration UI = Duration.ofSeconds(20);

  private HelpDesk desk;
  private final List<AutoCloseable> others = new ArrayList<>();
  private FrameFixture window;
  private AssistController controller;
  private final CountDownLatch closed = new CountDownLatch(1);

  @BeforeAll
  static void lookAndFeel() {
    GuiActionRunner.execute(() -> Theme.install(Theme.Choice.LIGHT));
  }

  @BeforeEach
  void startHelpDesk() {
    desk = HelpDesk.start();
  }

  @AfterEach
  void stopAll() throws Exception {
    if (controller != null) {
      GuiActionRunner.execute(() -> controller.close());
      closed.await(10, TimeUnit.SECONDS);
    }
    if (window != null) {
      window.cleanUp();
    }
    for (AutoCloseable other : others) {
      other.close();
    }
    desk.close();
  }

  /** Waits for the window: a component not on screen yet is looked for again, as a failed assertion is. */
  private static org.awaitility.core.ConditionFactory ui() {
    return await().atMost(UI).ignoreExceptions();
  }

  private FrameFixture open(AssistController.Launch launch, PageOpener opener) {
    AssistWindow built = GuiActionRunner.execute(() -> {
      AssistWindowModel model = new AssistWindowModel(launch.pageUrl(), launch.prefilled());
      controller = new AssistController(launch, model, opener, closed::countDown);
      return new AssistWindow(controller);
    });
    window = new FrameFixture(built.frame());
    window.show(new Dimension(AssistWindow.SIZE));
    return window;
  }

  private FrameFixture open(String name) {
    return open(desk.launch("acme-42", name, null), new FakeOpener(false));
  }

  private TestAgent agent() {
    TestAgent agent = TestAgent.available(desk);
    others.add(agent);
    return agent;
  }

  /** Asks with what the form holds and waits for the agent to link. */
  private TestAgent connected(String name) {
    TestAgent agent = agent();
    open(name);
    int before = agent.offersSoFar();
    window.button("ask").click();
    agent.acceptNextOffer(before);
    ui().untilAsserted(() -> window.label("linkState").requireText("Direct link · live"));
    return agent;
  }

  @Test
  void withoutANameOrPhoneFromThePageTheFormAsksAndChecksWhatIsTyped() {
    open(desk.launch("acme-42", null, null), new FakeOpener(false));

    window.textBox("name").requireText("");
    window.textBox("sentLine").requireText(DetailsPanel.sentLine(HelpDesk.PAGE));
    assertThat(window.textBox("sentLine").text()).contains("name", "phone", "shop.example/cart", "IP address");
    window.button("ask").click();
    window.textBox("nameError").requireText(Details.NEED_ONE);
    requireWhollyShown("nameError");
    window.textBox("phone").enterText("12ab");
    window.textBox("phoneError").requireText("Use digits, spaces and + ( ) - . / only.");
    window.textBox("nameError").requireText(" ");
    window.textBox("phone").deleteText().enterText("12");
    window.textBox("phoneError").requireText("A phone number has 5 to 20 digits.");
    assertThat(GuiActionRunner.execute(() -> controller.model().screen())).isEqualTo(AssistWindowModel.Screen.DETAILS);

    window.textBox("phone").deleteText();
    window.textBox("name").enterText("Ada");
    window.button("ask").click();

    ui().untilAsserted(() -> window.label("position").requireText("You are next in the queue."));
  }

  @Test
  void theNameThePagePassedIsFilledInAndEnterAsks() {
    TestAgent agent = agent();
    open("Ada Lovelace");

    window.textBox("name").requireText("Ada Lovelace");
    window.button("ask").requireFocused();
    window.pressAndReleaseKeys(KeyEvent.VK_ENTER);

    SupportOffer offer = agent.awaitFromServer(SupportOffer.class);
    assertThat(offer.user().name()).isEqualTo("Ada Lovelace");
    assertThat(offer.user().customerId()).isEqualTo("acme-42");
    assertThat(offer.pageUrl()).isEqualTo(HelpDesk.PAGE);
    assertThat(offer.user().ip()).isEqualTo("127.0.0.1");
  }

  @Test
  void waitingShowsThePlaceInTheQueueUpdatedLive() {
    OtherPerson first = new OtherPerson(desk, "First");
    others.add(first);
    open("Ada");
    window.button("ask").click();

    ui().untilAsserted(() -> window.label("position").requireText("You are number 2 in the queue."));
    window.label("waitingTitle").requireText("Waiting for a helper");

    first.leave();
    ui().untilAsserted(() -> window.label("position").requireText("You are next in the queue."));
  }

  /**
   * The estimate comes from the server's {@code support.queued.estimatedWaitMs}. Bob (one session at
   * a time) has handled one request in moments and is busy with another when Ada asks: the server
   * estimates seconds, and the window says so truly instead of "About 1 min".
   */
  @Test
  void waitingShowsTheServersEstimateOfTheWait() {
    TestAgent agent = agent();
    OtherPerson earlier = new OtherPerson(desk, "Earlier");
    others.add(earlier);
    agent.acceptNextOffer(0);
    agent.endSession("resolved");
    OtherPerson busy = new OtherPerson(desk, "Busy");
    others.add(busy);
    agent.acceptNextOffer(1);
    open("Ada");
    window.button("ask").click();

    ui().untilAsserted(() -> window.label("position").requireText("You are next in the queue."));
    ui().untilAsserted(() -> window.label("estimate").requireText("Less than a minute to wait."));
  }

  /** At the window's width the red line does not fit on one line: it wraps instead of ending in "reconnec…". */
  @Test
  void whenTheHelpDeskDropsWhileWaitingTheWholeReconnectingLineIsShown() {
    open("Ada");
    window.button("ask").click();
    ui().untilAsserted(() -> window.label("position").requireText("You are next in the queue."));

    desk.close();

    ui().untilAsserted(() ->
        window.textBox("reconnecting").requireText("Lost the connection to the help desk; reconnecting …"));
    requireWhollyShown("reconnecting");
  }

  /** The text component's last character is on screen: the text wraps rather than running out of view. */
  private void requireWhollyShown(String name) {
    javax.swing.text.JTextComponent text = (javax.swing.text.JTextComponent) window.textBox(name).target();
    ui().untilAsserted(() -> GuiActionRunner.execute(() -> {
      try {
        java.awt.Rectangle end = text.modelToView2D(text.getDocument().getLength()).getBounds();
        java.awt.Rectangle shown = text.getVisibleRect();
        assertThat(end.x <= shown.x + shown.width && end.y + end.height <= shown.y + shown.height)
            .as("the end of %s is on screen: %s within %s", name, end, shown).isTrue();
      } catch (javax.swing.text.BadLocationException e) {
        throw new AssertionError(e);
      }
    }));
  }

  @Test
  void cancelWhileWaitingWithdrawsTheRequest() {
    open("Ada");
    window.button("ask").click();
    ui().untilAsserted(() -> window.label("position").requireText("You are next in the queue."));

    window.button("cancelRequest").click();

    ui().untilAsserted(() -> window.textBox("endedReason").requireText("You cancelled your request."));
    window.label("endedTitle").requireText("Request cancelled");
  }

  @Test
  void whenNobodyCanHelpTheWindowSaysSoInPlainWords() {
    open(desk.launch("nobody-7", "Ada", null), new FakeOpener(false));
    window.button("ask").click();

    ui().untilAsserted(() ->
        window.textBox("endedReason").requireText(Wording.unavailable(UnavailableReason.NO_AGENTS)));
    window.label("endedTitle").requireText("No help right now");
    window.button("askAgain").requireEnabled();
  }

  @Test
  void connectedTheChatGoesBothWaysWithTimesAndTheTypingIndicator() {
    TestAgent agent = connected("Ada");
    window.label("agent").requireText("Bob is helping you");

    agent.act(model -> model.typing(true));
    ui().untilAsserted(() -> window.label("typing").requireText("Bob is typing …"));
    agent.act(model -> model.chat("Hello Ada, I can see your cart."));
    ui().untilAsserted(() ->
        assertThat(window.textBox("chat").text()).matches("(?s)\\d\\d:\\d\\d  Bob: Hello Ada, I can see your cart\\."));
    window.label("typing").requireText(" ");

    window.textBox("message").enterText("The voucher is refused");
    ui().until(() -> agent.read(model -> model.chat().peerTyping()));
    window.textBox("message").pressAndReleaseKeys(KeyEvent.VK_ENTER);

    ui().until(() -> agent.read(model -> model.chat().texts()).contains("The voucher is refused"));
    assertThat(agent.<Boolean>read(model -> model.chat().peerTyping())).isFalse();
    assertThat(window.textBox("chat").text()).contains("You: The voucher is refused");
    window.textBox("message").requireText("");
    assertThat(agent.fromUser).anyMatch(e -> e instanceof ChatMessage m && m.text().equals("The voucher is refused"));
  }

  @Test
  void aLongChatLineWithALongUrlWrapsInsideThePane() {
    TestAgent agent = connected("Ada");
    String url = "https://shop.example.com/help/" + "a-very-long-path-segment-".repeat(12) + "end";
    agent.act(model -> model.chat("Please open " + url));
    ui().untilAsserted(() -> assertThat(window.textBox("chat").text()).endsWith(url));

    javax.swing.JTextPane chat = (javax.swing.JTextPane) window.textBox("chat").target();
    GuiActionRunner.execute(() -> {
      javax.swing.JScrollPane scroll = (javax.swing.JScrollPane) chat.getParent().getParent();
      assertThat(scroll.getHorizontalScrollBar().isVisible()).as("no sideways scrolling").isFalse();
      try {
        String text = chat.getText();
        assertThat(chat.modelToView2D(text.length()).getY()).as("the URL wraps onto more rows")
            .isGreaterThan(chat.modelToView2D(text.indexOf(url)).getY());
      } catch (javax.swing.text.BadLocationException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void consentAllowAndStopReachTheAgent() {
    TestAgent agent = connected("Ada");
    window.label("consentLabel").requireText("Let Bob guide me on this page");
    window.button("consent").requireText("Allow");

    window.button("consent").click();
    ui().until(() -> agent.read(model -> model.page().consent()));
    ui().untilAsserted(() -> window.button("consent").requireText("Stop"));

    window.button("consent").click();
    ui().until(() -> !agent.read(model -> model.page().consent()));
    ui().untilAsserted(() -> window.button("consent").requireText("Allow"));
  }

  @Test
  void whereTheBrowserCannotBeOpenedTheAgentsPageIsShownToCopy() {
    TestAgent agent = connected("Ada");
    window.button("consent").click();
    ui().until(() -> agent.read(model -> model.page().consent()));

    agent.act(model -> model.navigate("https://shop.example/checkout"));

    ui().untilAsserted(() -> window.textBox("navigationLink").requireText("https://shop.example/checkout"));
    window.label("navigationCaption").requireText("Bob wants to show you this page; copy it into your browser:");
    javax.swing.JButton open = window.robot().finder().findByName(window.target(), "openLink", javax.swing.JButton.class, false);
    assertThat(org.assertj.swing.edt.GuiActionRunner.execute(open::isShowing)).as("a greyed-out Open that leads nowhere").isFalse();
    window.button("copyLink").requireEnabled();
  }

  @Test
  void whereTheDesktopCanTheAgentsNavigationOpensInTheDefaultBrowser() {
    TestAgent agent = agent();
    FakeOpener browser = new FakeOpener(true);
    open(desk.launch("acme-42", "Ada", null), browser);
    int before = agent.offersSoFar();
    window.button("ask").click();
    agent.acceptNextOffer(before);
    ui().untilAsserted(() -> window.label("linkState").requireText("Direct link · live"));
    window.button("consent").click();
    ui().until(() -> agent.read(model -> model.page().consent()));

    agent.act(model -> model.navigate("https://shop.example/checkout"));

    ui().until(() -> browser.opened.contains("https://shop.example/checkout"));
    ui().untilAsserted(() ->
        window.label("navigationCaption").requireText("Bob opened this page in your browser:"));
  }

  @Test
  void withoutConsentTheAgentsNavigationDoesNotReachThePerson() {
    TestAgent agent = connected("Ada");

    agent.act(model -> model.navigate("https://shop.example/checkout"));
    agent.act(model -> model.chat("marker"));

    ui().untilAsserted(() -> assertThat(window.textBox("chat").text()).contains("marker"));
    assertThat(GuiActionRunner.execute(() -> controller.model().suggestedUrl())).isNull();
  }

  @Test
  void whenTheAgentLeavesThePersonIsBackInTheQueueAndTheWindowSaysSo() {
    TestAgent agent = connected("Ada");

    agent.vanish();

    ui().untilAsserted(() -> window.label("position").requireText("You are next in the queue."));
    window.textBox("waitingNote").requireText("Your agent had to leave. You are back at the front of the queue.");
  }

  @Test
  void afterTheAgentEndsAskAgainMakesANewRequest() {
    TestAgent agent = connected("Ada");

    agent.endSession("resolved");
    ui().untilAsserted(() -> window.textBox("endedReason")
        .requireText("Your agent ended the session. We hope you got the help you needed."));
    window.button("askAgain").click();

    SupportOffer again = agent.acceptNextOffer(1);
    assertThat(again.user().name()).isEqualTo("Ada");
    // the peer listener admitted the first agent only: a later session meets on the relay
    ui().untilAsserted(() -> window.label("linkState").requireText("Through the help desk's relay · live"));
  }

  /**
   * The agent's last instructions are what a person most needs after the session: the ended screen
   * keeps the conversation, read-only and scrolled to its end, until the person asks again.
   */
  @Test
  void afterTheAgentEndsTheConversationStaysReadableOnTheEndedScreen() {
    TestAgent agent = connected("Ada");
    window.textBox("message").enterText("Where do I enter the voucher?").pressAndReleaseKeys(KeyEvent.VK_ENTER);
    ui().until(() -> agent.read(model -> model.chat().texts()).contains("Where do I enter the voucher?"));
    for (int step = 1; step <= 20; step++) {
      String line = "Step " + step + " of what we looked at together.";
      agent.act(model -> model.chat(line));
    }
    String last = "Open Vouchers at the top of your cart, type the code and press Apply.";
    agent.act(model -> model.chat(last));
    ui().untilAsserted(() -> assertThat(window.textBox("chat").text()).endsWith(last));

    agent.endSession("resolved");

    ui().untilAsserted(() -> window.textBox("endedReason")
        .requireText("Your agent ended the session. We hope you got the help you needed."));
    window.label("transcriptCaption").requireText("Your conversation with Bob");
    window.textBox("transcript").requireVisible().requireNotEditable();
    assertThat(window.textBox("transcript").text())
        .contains("You: Where do I enter the voucher?", "Bob: Step 1 of what")
        .matches("(?s).*\\d\\d:\\d\\d  Bob: " + java.util.regex.Pattern.quote(last));
    javax.swing.JTextPane transcript = (javax.swing.JTextPane) window.textBox("transcript").target();
    ui().untilAsserted(() -> GuiActionRunner.execute(() -> {
      javax.swing.JScrollPane scroll = (javax.swing.JScrollPane) transcript.getParent().getParent();
      assertThat(scroll.getVerticalScrollBar().isVisible()).as("more than fits: the transcript scrolls").isTrue();
      try {
        java.awt.Rectangle end = transcript.modelToView2D(transcript.getDocument().getLength()).getBounds();
        java.awt.Rectangle shown = transcript.getVisibleRect();
        assertThat(end.y >= shown.y && end.y + end.height <= shown.y + shown.height)
            .as("the agent's last message is in view: %s within %s", end, shown).isTrue();
      } catch (javax.swing.text.BadLocationException e) {
        throw new AssertionError(e);
      }
    }));

    window.button("askAgain").click();
    agent.acceptNextOffer(1);
    ui().untilAsserted(() -> window.label("linkState").requireText("Through the help desk's relay · live"));
    window.textBox("chat").requireText("");
  }

  @Test
  void endEndsTheSessionForTheAgentAndTheWindowSaysWhoEndedIt() {
    TestAgent agent = connected("Ada");

    window.button("end").click();

    ui().until(agent::sawSessionEnd);
    ui().untilAsserted(() -> window.textBox("endedReason").requireText("You ended the session."));
  }

  @Test
  void closingTheWindowEndsTheSessionOnTheAgentsSide() throws Exception {
    TestAgent agent = connected("Ada");

    window.close();

    assertThat(closed.await(10, TimeUnit.SECONDS)).as("the client said goodbye and closed").isTrue();
    // told on the link, or by the server the client also told: either way the agent's session is over
    ui().until(() -> java.util.stream.Stream.concat(agent.fromUser.stream(), agent.fromServer.stream())
        .anyMatch(e -> e instanceof SessionEnd end && "user_left".equals(end.reason())));
  }

  /** A browser that opens (or cannot open) pages, and remembers which. */
  private static final class FakeOpener implements PageOpener {
    final List<String> opened = new CopyOnWriteArrayList<>();
    private final boolean can;

    FakeOpener(boolean can) {
      this.can = can;
    }

    @Override
    public boolean canOpen() {
      return can;
    }

    @Override
    public CompletableFuture<Boolean> open(String url) {
      if (can) {
        opened.add(url);
      }
      return CompletableFuture.completedFuture(can);
    }
  }
}
