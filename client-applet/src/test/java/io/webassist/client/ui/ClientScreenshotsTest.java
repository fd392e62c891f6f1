package io.webassist.client.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A picture of each of the window's screens from a real run (docs/CLIENT.md): the details form,
 * waiting in the queue, connected with chat and co-browsing allowed, and ended with the conversation. The PNGs go to
 * {@code target/screenshots}, or to the folder named by {@code -Dwebassist.screenshots}; the docs'
 * pictures are made with
 * <pre>CI=true xvfb-run -a -s "-screen 0 1280x1024x24" mvn -B -pl client-applet -am test \
 *   -Dtest=ClientScreenshotsTest -Dsurefire.failIfNoSpecifiedTests=false -Dwebassist.screenshots=$PWD/docs/images</pre>
 * As a test it checks that every screen renders something (not a blank frame).
 */
@UiTest
class ClientScreenshotsTest {

  private static final Duration UI = Duration.ofSeconds(20);

  private final List<AutoCloseable> open = new ArrayList<>();
  private FrameFixture window;
  private AssistController controller;
  private final CountDownLatch closed = new CountDownLatch(1);

  @AfterEach
  void stopAll() throws Exception {
    if (controller != null) {
      GuiActionRunner.execute(() -> controller.close());
      closed.await(10, TimeUnit.SECONDS);
    }
    if (window != null) {
      window.cleanUp();
    }
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void eachScreenOfTheWindowIsPictured() throws Exception {
    Path folder = Path.of(System.getProperty("webassist.screenshots", "target/screenshots"));
    Files.createDirectories(folder);
    GuiActionRunner.execute(() -> Theme.install(Theme.Choice.LIGHT));
    HelpDesk desk = HelpDesk.start();
    open.add(desk);
    OtherPerson before = new OtherPerson(desk, "Someone earlier");
    open.add(before);
    AssistController.Launch launch = AssistController.Launch.to("127.0.0.1", desk.port(), desk.security(),
        "https://shop.example/cart", "acme-42", null, "127.0.0.1", new Details("", ""));
    AssistWindow built = GuiActionRunner.execute(() -> {
      AssistWindowModel model = new AssistWindowModel(launch.pageUrl(), launch.prefilled());
      controller = new AssistController(launch, model, new LinkOnly(), closed::countDown);
      return new AssistWindow(controller);
    });
    window = new FrameFixture(built.frame());
    window.show(new Dimension(AssistWindow.SIZE));

    window.textBox("name").enterText("Ada Lovelace");
    window.textBox("phone").enterText("+44 20 7946 0000");
    shoot(folder, "details");

    window.button("ask").click();
    await().atMost(UI).ignoreExceptions().untilAsserted(() -> window.label("position").requireText("You are number 2 in the queue."));
    shoot(folder, "waiting");

    before.close();
    open.remove(before);
    TestAgent agent = TestAgent.available(desk);
    open.add(agent);
    agent.acceptNextOffer(0);
    await().atMost(UI).ignoreExceptions().untilAsserted(() -> window.label("linkState").requireText("Direct link · live"));
    agent.act(model -> model.chat("Hello Ada, I'm Bob. I can see you're on your cart."));
    await().atMost(UI).ignoreExceptions().untilAsserted(() -> assertThat(window.textBox("chat").text()).contains("I'm Bob"));
    window.textBox("message").enterText("Hi Bob, my voucher code is refused.").pressAndReleaseKeys(10);
    window.button("consent").click();
    await().atMost(UI).ignoreExceptions().until(() -> agent.read(model -> model.page().consent()));
    agent.act(model -> model.navigate("https://shop.example/vouchers"));
    agent.act(model -> model.typing(true));
    await().atMost(UI).ignoreExceptions().untilAsserted(() -> window.label("typing").requireText("Bob is typing …"));
    await().atMost(UI).ignoreExceptions().untilAsserted(() -> window.textBox("navigationLink").requireText("https://shop.example/vouchers"));
    shoot(folder, "connected");

    String last = "On the vouchers page, type SPRING-10 and press Apply. Anything else?";
    agent.act(model -> model.chat(last));
    await().atMost(UI).ignoreExceptions().untilAsserted(() -> assertThat(window.textBox("chat").text()).endsWith(last));
    agent.endSession("resolved");
    await().atMost(UI).ignoreExceptions().untilAsserted(() -> window.label("endedTitle").requireText("Session ended"));
    await().atMost(UI).ignoreExceptions().untilAsserted(() -> assertThat(window.textBox("transcript").text()).endsWith(last));
    shoot(folder, "ended");
  }

  /** The frame as it is on the screen now, as {@code client-NAME.png}; fails on a blank picture. */
  private void shoot(Path folder, String name) throws Exception {
    Robot robot = new Robot();
    robot.waitForIdle();
    GuiActionRunner.execute(() -> { }); // the EDT has painted what was queued
    robot.delay(250);
    Rectangle bounds = GuiActionRunner.execute(() -> {
      Rectangle r = window.target().getBounds();
      r.setLocation(window.target().getLocationOnScreen());
      return r;
    });
    BufferedImage image = robot.createScreenCapture(bounds);
    assertThat(distinctColours(image)).as("screen %s renders something", name).isGreaterThan(8);
    ImageIO.write(image, "png", folder.resolve("client-" + name + ".png").toFile());
  }

  private static long distinctColours(BufferedImage image) {
    return java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
        .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth())).distinct().count();
  }

  /** Under Xvfb nothing can open a browser: the window shows the agent's page as a link. */
  private static final class LinkOnly implements PageOpener {
    @Override
    public boolean canOpen() {
      return false;
    }

    @Override
    public CompletableFuture<Boolean> open(String url) {
      return CompletableFuture.completedFuture(false);
    }
  }
}
