package io.webassist.console.window;

import static org.awaitility.Awaitility.await;

import io.webassist.console.AgentDesk;
import io.webassist.console.profile.ProfileStore;
import io.webassist.console.testing.DisplayGuard;
import io.webassist.console.testing.RecordingPageView;
import io.webassist.console.testing.TestServer;
import io.webassist.console.testing.TestUser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.swing.JPanel;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JPanelFixture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the console's UI tests share: a display (or a clear failure in CI), EDT-violation checks, a real
 * dispatch server, users played by the link library, and consoles logged in through the login window
 * with {@link RecordingPageView}s as their page views.
 */
@ExtendWith(DisplayGuard.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class UiTestBase {
  static final String SITE = "http://127.0.0.1/shop";

  @TempDir
  Path profileDir;

  protected TestServer server;
  protected Robot robot;
  protected final List<TestUser> users = new CopyOnWriteArrayList<>();
  protected final List<RecordingPageView> pageViews = new CopyOnWriteArrayList<>();
  protected final List<MainWindow> mains = new CopyOnWriteArrayList<>();
  protected final List<AgentDesk> desks = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void onTheEdtOnly() {
    FailOnThreadViolationRepaintManager.install();
    Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
    Awaitility.setDefaultPollInterval(Duration.ofMillis(50));
    GuiActionRunner.execute(() -> Theme.install(false));
  }

  @BeforeEach
  void startServer() {
    server = startTestServer();
    robot = BasicRobot.robotWithNewAwtHierarchy();
  }

  /** The server this class's tests use; override to adjust its configuration. */
  TestServer startTestServer() {
    return TestServer.start();
  }

  @AfterEach
  void cleanUp() {
    robot.cleanUp();
    users.forEach(TestUser::close);
    desks.forEach(AgentDesk::close);
    server.close();
  }

  /** The page view of each new session tab (on the EDT): a {@link RecordingPageView}, kept in {@link #pageViews}. */
  io.webassist.console.page.PageView newPageView() {
    RecordingPageView view = new RecordingPageView();
    pageViews.add(view);
    return view;
  }

  ConsoleApp.Options options(String agentId, String fingerprint) {
    // no --max-sessions, as an agent starts it: the load is out of what the server's configuration allows
    return new ConsoleApp.Options(server.address(), agentId, fingerprint, false, null, profileDir, false);
  }

  /** Shows the login window for {@code options}; a successful login opens the main window. */
  FrameFixture loginWindow(ConsoleApp.Options options) {
    return loginWindow(options, null);
  }

  /** As {@link #loginWindow(ConsoleApp.Options)}; a {@code password} given logs in with no one typing. */
  FrameFixture loginWindow(ConsoleApp.Options options, String password) {
    Supplier<io.webassist.console.page.PageView> views = this::newPageView;
    LoginWindow login = GuiActionRunner.execute(() -> {
      LoginWindow window = new LoginWindow(options, new ProfileStore(profileDir), Clock.systemUTC(), desk -> {
        desks.add(desk);
        MainWindow main = new MainWindow(desk, views, () -> { });
        main.show();
        mains.add(main);
      }, () -> { });
      if (password != null) {
        window.logInAtOnce(password);
      }
      window.show();
      return window;
    });
    return new FrameFixture(robot, login.frame());
  }

  /** Logs {@code agentId} in (password: id + "-pw"), trusting the server's fingerprint given up front. */
  FrameFixture logIn(String agentId) {
    int before = mains.size();
    FrameFixture login = loginWindow(options(agentId, server.fingerprint()));
    login.textBox("password").enterText(agentId + "-pw");
    // Enter presses the default button (Log in); a keyboard user logs in so too
    login.textBox("password").pressAndReleaseKeys(java.awt.event.KeyEvent.VK_ENTER);
    try {
      await("the main window of " + agentId).until(() -> mains.size() > before);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no main window; the login window says: " + login.label("loginMessage").text(), e);
    }
    MainWindow main = mains.get(mains.size() - 1);
    FrameFixture window = new FrameFixture(robot, main.frame());
    await().ignoreExceptions().untilAsserted(() -> window.label("connection").requireText("Connected to " + server.address()));
    return window;
  }

  TestUser ask(String name, String phone, String customerId, String page) {
    TestUser user = TestUser.ask(server, name, phone, customerId, SITE + page);
    users.add(user);
    return user;
  }

  /** The offer card of the user named {@code name}, once it is shown. */
  static JPanelFixture offerCard(FrameFixture window, String name) {
    return await("an offer card for " + name).ignoreExceptions().until(() -> window.panel(
        new GenericTypeMatcher<JPanel>(JPanel.class) {
          @Override
          protected boolean isMatching(JPanel panel) {
            if (panel.getName() == null || !panel.getName().startsWith("offer-")) {
              return false;
            }
            for (java.awt.Component c : panel.getComponents()) {
              if (c instanceof JPanel lines) {
                for (java.awt.Component l : lines.getComponents()) {
                  if (l instanceof javax.swing.JLabel label && "offerName".equals(label.getName())
                      && label.getText().startsWith(name)) {
                    return true;
                  }
                }
              }
            }
            return false;
          }
        }), card -> card != null);
  }

  /** Whether any offer card is shown in {@code window}. */
  static int offerCards(MainWindow main) {
    return GuiActionRunner.execute(() -> {
      int n = 0;
      for (java.awt.Component c : ((JPanel) findByName(main.frame().getContentPane(), "offers")).getComponents()) {
        if (c.getName() != null && c.getName().startsWith("offer-")) {
          n++;
        }
      }
      return n;
    });
  }

  static java.awt.Component findByName(java.awt.Container root, String name) {
    for (java.awt.Component c : root.getComponents()) {
      if (name.equals(c.getName())) {
        return c;
      }
      if (c instanceof java.awt.Container inner) {
        java.awt.Component found = findByName(inner, name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** Whether the component named {@code name} in {@code main} is visible (found even when hidden). */
  static boolean visible(MainWindow main, String name) {
    return GuiActionRunner.execute(() -> findByName(main.frame().getContentPane(), name).isVisible());
  }

  /** Accepts {@code name}'s offer and waits for the session's link to be live. */
  void acceptAndLink(FrameFixture window, String name, TestUser user) {
    offerCard(window, name).button("accept").click();
    user.awaitLinked();
    await().ignoreExceptions().untilAsserted(() -> window.label("linkState").requireText("Link direct · live"));
  }

  /** Presses OK in the option pane {@code window} shows, by the button's own action ({@link #press}). */
  static void pressOk(FrameFixture window) {
    press(window.optionPane(org.assertj.swing.timing.Timeout.timeout(15_000)).okButton().target());
  }

  /**
   * Presses a button of a window just shown by the button's own action. Under Xvfb there is no window
   * manager: a robot click sent while a new dialog is still being mapped reaches the frame beneath,
   * which the modal dialog blocks, and is lost (seen in CI: the session was never ended, the trust
   * prompt never answered).
   */
  static void press(javax.swing.JButton button) {
    GuiActionRunner.execute(() -> button.doClick());
  }
}
