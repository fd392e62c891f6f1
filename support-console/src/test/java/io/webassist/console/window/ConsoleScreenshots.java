package io.webassist.console.window;

import static org.awaitility.Awaitility.await;

import io.webassist.console.profile.ProfileStore;
import io.webassist.console.testing.TestServer;
import io.webassist.console.testing.TestUser;
import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.CannedReply;
import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPasswordField;
import javax.swing.text.JTextComponent;

/**
 * Takes the screenshots in docs/images from a real session: a dispatch server in this JVM, a user played
 * by the link library, the agent's real windows (with the fallback page view), captured with
 * {@link Robot} under Xvfb. Not a test; run by {@code support-console/screenshots.sh} (docs/CONSOLE.md).
 */
public final class ConsoleScreenshots {

  private ConsoleScreenshots() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/images");
    Files.createDirectories(out);
    Path profile = Files.createTempDirectory("webassist-screenshots");
    Robot robot = new Robot();
    List<MainWindow> mains = new CopyOnWriteArrayList<>();
    try (TestServer server = TestServer.start()) {
      ConsoleApp.Options options = new ConsoleApp.Options(server.address(), "bob", null, false, null, profile, false);
      LoginWindow login = Edt.call(() -> {
        Theme.install(false);
        LoginWindow window = new LoginWindow(options, new ProfileStore(profile), Clock.systemUTC(), desk -> {
          MainWindow main = new MainWindow(desk, io.webassist.console.page.PageViews::create, () -> { });
          main.show();
          mains.add(main);
        }, () -> { });
        window.show();
        return window;
      });
      Edt.call(() -> {
        find(login.frame(), JPasswordField.class, c -> true).setText("bob-pw");
        return null;
      });
      shoot(robot, login.frame(), out.resolve("console-login.png"));
      Edt.later(() -> find(login.frame(), AbstractButton.class, b -> "logIn".equals(b.getName())).doClick());
      JDialog prompt = await().atMost(Duration.ofSeconds(20)).until(ConsoleScreenshots::dialog, d -> d != null);
      shoot(robot, prompt, out.resolve("console-trust.png"));
      Edt.later(() -> find(prompt, AbstractButton.class, b -> LoginWindow.TRUST.equals(b.getText())).doClick());
      await().atMost(Duration.ofSeconds(20)).until(() -> !mains.isEmpty());
      MainWindow main = mains.get(0);
      // what agent.ready carries once replies are configured for the group
      Edt.call(() -> {
        main.frame().setSize(1380, 860);
        main.frame().setLocation(0, 0);
        mainDesk(main).model().status().loggedIn(new AgentReady("bob", "Bob", List.of("general"), List.of(
            new CannedReply("general", "hello", "Hello! How can I help you today?"),
            new CannedReply("general", "wait", "One moment please, I am checking."))));
        return null;
      });

      // the demo shop that the in-process server serves, so the page view renders the real page
      String site = "http://127.0.0.1:" + server.server().httpPort() + "/shop";
      TestUser ada = TestUser.ask(server, "Ada Lovelace", "+44 20 7946 0000", "acme-42", site + "/cart.html");
      TestUser grace = TestUser.ask(server, "Grace Hopper", "+1 202 555 0143", "acme-7", site + "/premium.html");
      await().atMost(Duration.ofSeconds(20)).until(() -> text(main, "offerName").size() == 2);
      shoot(robot, main.frame(), out.resolve("console-offers.png"));

      Edt.later(() -> find(main.frame(), AbstractButton.class, b -> "accept".equals(b.getName())).doClick());
      ada.awaitLinked();
      await().atMost(Duration.ofSeconds(20)).until(() -> text(main, "linkState").stream().anyMatch(t -> t.endsWith(" · live")));
      ada.chat("Hi, the pay button on my cart does nothing.");
      Edt.call(() -> {
        find(main.frame(), JTextComponent.class, c -> "chatInput".equals(c.getName()))
            .setText("Hello Ada, I can see your cart. May I look along with you?");
        return null;
      });
      Edt.later(() -> find(main.frame(), AbstractButton.class, b -> "send".equals(b.getName())).doClick());
      await().atMost(Duration.ofSeconds(20)).until(() -> ada.chatTexts().size() == 2);
      ada.allowCobrowsing();
      ada.act(model -> model.pointer(420, 310));
      ada.act(model -> model.click(420, 310, "#pay"));
      ada.typeInto("coupon", "SPRING24");
      ada.act(model -> model.typing(true));
      Edt.call(() -> {
        find(main.frame(), JTextComponent.class, c -> "chatInput".equals(c.getName())).setText("/");
        return null;
      });
      await().atMost(Duration.ofSeconds(20)).until(() -> text(main, "typing").stream().anyMatch(t -> t.contains("typing")));
      await().atMost(Duration.ofSeconds(30)).until(() -> pageShown(main, 1));
      shoot(robot, main.frame(), out.resolve("console-session.png"));

      Edt.call(() -> {
        find(main.frame(), JTextComponent.class, c -> "chatInput".equals(c.getName())).setText("");
        Theme.toggle();
        return null;
      });
      shoot(robot, main.frame(), out.resolve("console-dark.png"));

      // a session that ended keeps its tab: why, the transcript, no more sending, Close on the tab
      Edt.call(() -> {
        Theme.toggle();
        return null;
      });
      String adaSession = Edt.call(() -> mainDesk(main).model().sessions().newest().sessionId());
      mainDesk(main).end(adaSession, io.webassist.protocol.frame.EndReason.RESOLVED);
      await().atMost(Duration.ofSeconds(20)).until(() -> !text(main, "sessionEnded").isEmpty());
      shoot(robot, main.frame(), out.resolve("console-ended.png"));
      ada.close();
      grace.close();
      Edt.call(() -> {
        for (Window w : Window.getWindows()) {
          w.dispose();
        }
        return null;
      });
    }
    System.out.println("screenshots written to " + out.toAbsolutePath());
    System.exit(0);
  }

  private static io.webassist.console.AgentDesk mainDesk(MainWindow main) throws ReflectiveOperationException {
    java.lang.reflect.Field field = MainWindow.class.getDeclaredField("desk");
    field.setAccessible(true);
    return (io.webassist.console.AgentDesk) field.get(main);
  }

  private static JDialog dialog() {
    return Edt.call(() -> {
      for (Window w : Window.getWindows()) {
        if (w instanceof JDialog d && d.isShowing()) {
          return d;
        }
      }
      return null;
    });
  }

  /**
   * Whether {@code pages} page views have finished loading: the JavaFX view says "Opening …" in its
   * message line until then (the plain view has no such line and counts as shown).
   */
  /** Whether {@code pages} page views, shown or in a tab behind, have finished opening their page. */
  static boolean pageShown(MainWindow main, int pages) {
    List<String> messages = Edt.call(() -> {
      List<String> found = new java.util.ArrayList<>();
      collectAll(main.frame(), "pageMessage", found);
      return found;
    });
    return messages.isEmpty() || messages.stream().filter(t -> !t.startsWith("Opening")).count() >= pages;
  }

  private static void collectAll(Container root, String name, List<String> into) {
    for (Component c : root.getComponents()) {
      if (name.equals(c.getName()) && c instanceof JLabel label) {
        into.add(label.getText());
      }
      if (c instanceof Container inner) {
        collectAll(inner, name, into);
      }
    }
  }

  private static boolean samePixels(BufferedImage a, BufferedImage b) {
    if (a == null || a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return false;
    }
    int w = a.getWidth();
    int h = a.getHeight();
    return java.util.Arrays.equals(a.getRGB(0, 0, w, h, null, 0, w), b.getRGB(0, 0, w, h, null, 0, w));
  }

  static List<String> text(MainWindow main, String name) {
    return Edt.call(() -> {
      List<String> found = new java.util.ArrayList<>();
      collect(main.frame(), name, found);
      return found;
    });
  }

  private static void collect(Container root, String name, List<String> into) {
    for (Component c : root.getComponents()) {
      if (name.equals(c.getName()) && c instanceof JLabel label && c.isShowing()) {
        into.add(label.getText());
      }
      if (c instanceof Container inner) {
        collect(inner, name, into);
      }
    }
  }

  private static <T extends Component> T find(Container root, Class<T> type, Predicate<T> matching) {
    for (Component c : root.getComponents()) {
      if (type.isInstance(c) && matching.test(type.cast(c))) {
        return type.cast(c);
      }
      if (c instanceof Container inner) {
        T found = find(inner, type, matching);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static void shoot(Robot robot, Window window, Path file) throws Exception {
    robot.waitForIdle();
    Rectangle bounds = Edt.call(window::getBounds);
    // the screen has settled when two captures in a row are the same (the page view paints on its own thread)
    AtomicReference<BufferedImage> previous = new AtomicReference<>();
    BufferedImage image = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
        .until(() -> robot.createScreenCapture(bounds), capture -> samePixels(previous.getAndSet(capture), capture));
    ImageIO.write(image, "png", file.toFile());
    System.out.println("wrote " + file);
  }
}
