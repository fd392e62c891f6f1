package io.webassist.console.window;

import static org.awaitility.Awaitility.await;

import io.webassist.console.AgentDesk;
import io.webassist.link.TransportSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * For docs/BENCHMARKS.md (not a test): the agent's window in this JVM logs in to a {@link MeasureWorld}
 * server, accepts offers until {@code N} sessions are open and linked, and prints its resident set size
 * (VmRSS) — the console's memory with N session tabs, page view as plugged in (the fallback here).
 */
public final class MeasureConsole {
  private MeasureConsole() {}

  public static void main(String[] args) throws Exception {
    String[] server = args[0].split(":");
    String fingerprint = args[1];
    int sessions = Integer.parseInt(args[2]);
    AgentDesk desk = new AgentDesk(new AgentDesk.Login(server[0], Integer.parseInt(server[1]), "bob", "bob-pw",
        TransportSecurity.pinned(fingerprint), sessions), Edt.executor(), Clock.systemUTC());
    MainWindow main = Edt.call(() -> {
      Theme.install(false);
      MainWindow window = new MainWindow(desk, ConsoleApp.pageViews, () -> { });
      window.show();
      return window;
    });
    desk.start().get();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> Edt.call(() -> {
      var offers = desk.model().offers().all();
      if (!offers.isEmpty()) {
        desk.accept(offers.get(0).requestId());
      }
      return desk.model().sessions().all().stream()
          .filter(s -> s.linkState() == io.webassist.link.session.LinkState.UP).count() == sessions;
    }));
    // measured once every tab shows its page, so the page engine's memory is in the number
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> ConsoleScreenshots.pageShown(main, sessions));
    System.gc();
    String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
        .findFirst().orElse("VmRSS: ?");
    Runtime rt = Runtime.getRuntime();
    System.out.println("sessions " + sessions + " " + rss.replaceAll("\\s+", " ") + " heapUsedMB "
        + (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024) + " heapCommittedMB " + rt.totalMemory() / (1024 * 1024)
        + " title=" + Edt.call(() -> main.frame().getTitle()));
    System.exit(0);
  }
}
