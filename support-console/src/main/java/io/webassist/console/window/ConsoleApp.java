package io.webassist.console.window;

import io.webassist.console.AgentDesk;
import io.webassist.console.page.PageView;
import io.webassist.console.page.PageViews;
import io.webassist.console.profile.ProfileStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Starts the agent's window: the look and feel, then the login window, then the main window once
 * logged in. {@link #await} returns when the agent has closed the console.
 */
public final class ConsoleApp {

  /**
   * What the command line gave: the server (null: the one used last), the agent id, a fingerprint to
   * trust (null: the profile's, or ask), plain TCP, sessions wanted (null: as many as the server's
   * configuration allows), the profile folder, the theme.
   */
  public record Options(String server, String agentId, String serverFingerprint, boolean insecure, Integer maxSessions,
      Path profileDir, boolean dark) {}

  /**
   * The page view each session tab gets: the WebView one where JavaFX starts, else the plain one that
   * says why ({@link PageViews#create}); tests plug in their own.
   */
  static volatile Supplier<PageView> pageViews = PageViews::create;
  private static final Supplier<PageView> REAL_PAGE_VIEWS = pageViews;

  private final CountDownLatch closed = new CountDownLatch(1);

  private ConsoleApp() {}

  /** Sets the page views of the windows opened from now on (the page engine's factory). */
  public static void usePageViews(Supplier<PageView> factory) {
    pageViews = factory;
  }

  /** Shows the login window (on the EDT); returns at once. */
  public static ConsoleApp launch(Options options) {
    return launch(options, null);
  }

  /**
   * Shows the login window (on the EDT) and, when {@code password} is not null, logs in at once with
   * it, no one typing (the web launch); returns at once.
   */
  public static ConsoleApp launch(Options options, String password) {
    ConsoleApp app = new ConsoleApp();
    Edt.later(() -> {
      Theme.install(options.dark());
      LoginWindow login = new LoginWindow(options, ProfileStore.at(options.profileDir()), Clock.systemUTC(),
          app::loggedIn, app.closed::countDown);
      if (Boolean.getBoolean("webassist.startupTrace")) {
        traceStartup(login);
      }
      if (password != null) {
        login.logInAtOnce(password);
      }
      login.show();
    });
    return app;
  }

  /** For docs/BENCHMARKS.md: when the login window opened, since the JVM started, and the CPU used. */
  private static void traceStartup(LoginWindow login) {
    login.frame().addWindowListener(new java.awt.event.WindowAdapter() {
      @Override
      public void windowOpened(java.awt.event.WindowEvent e) {
        long sinceStart = System.currentTimeMillis()
            - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        long cpuMs = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1_000_000 : -1;
        System.err.println("startup loginWindowOpenedMs=" + sinceStart + " cpuMs=" + cpuMs);
      }
    });
  }

  private void loggedIn(AgentDesk desk) {
    MainWindow main = new MainWindow(desk, pageViews, () -> {
      Edt.background().execute(desk::close);
      closed.countDown();
    });
    main.show();
    if (pageViews == REAL_PAGE_VIEWS) {
      // start JavaFX and WebKit now, so the first session's page shows sooner (the web launch started them
      // already: then this only warms one more WebView)
      PageViews.prepare(state -> { });
    }
  }

  /** Waits until the agent closed the console. */
  public void await() throws InterruptedException {
    closed.await();
  }
}
