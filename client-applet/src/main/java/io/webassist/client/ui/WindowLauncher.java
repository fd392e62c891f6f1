package io.webassist.client.ui;

import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the assist window for one launch: the look and feel, the model (prefilled with what the
 * page passed), the controller and the frame, built on the EDT as the FlatLaf demo does. Logs how
 * long after the JVM started the window became visible ({@code client window shown ms=…}), which
 * docs/BENCHMARKS.md measures.
 */
public final class WindowLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(WindowLauncher.class);

  private WindowLauncher() {}

  /** Why there is no screen to show a window on, or empty when there is one. */
  public static Optional<String> noDisplay() {
    if (GraphicsEnvironment.isHeadless()) {
      return Optional.of("there is no display to show the help window on (DISPLAY is not set)");
    }
    try {
      GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice();
      return Optional.empty();
    } catch (AWTError | HeadlessException e) {
      return Optional.of("the display cannot be opened (" + e.getMessage() + ")");
    }
  }

  private static boolean prepared;

  /**
   * Installs the look and feel on the EDT, without waiting:
   * start-up work that can run while the caller does its own (the TLS context). {@link #open} does
   * it too when nobody called this.
   */
  public static void prepare(Theme.Choice theme) {
    Edt.run(() -> {
      if (prepared) {
        return;
      }
      prepared = true;
      Theme.install(theme);
    });
  }

  /** An open window: {@link #closed} completes once it closed and the client said goodbye. */
  public record Opened(CompletableFuture<Void> closed, CompletableFuture<AssistWindow> window) {
    /** Closes it as its close box would. */
    public void close() {
      window.thenAccept(w -> Edt.run(w::close));
    }
  }

  /**
   * Opens the window on the EDT and returns at once.
   *
   * @param opener how the agent's navigation reaches the person's browser
   */
  public static Opened open(AssistController.Launch launch, Theme.Choice theme, PageOpener opener) {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    CompletableFuture<AssistWindow> shown = new CompletableFuture<>();
    prepare(theme);
    Edt.run(() -> {
      AssistWindowModel model = new AssistWindowModel(launch.pageUrl(), launch.prefilled());
      AssistController controller = new AssistController(launch, model, opener, () -> closed.complete(null));
      AssistWindow window = new AssistWindow(controller);
      window.frame().addWindowListener(new WindowAdapter() {
        @Override
        public void windowOpened(WindowEvent e) {
          long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
          LOG.info("client window shown ms={} screen={}", sinceStart, model.screen().name().toLowerCase());
        }
      });
      window.show();
      shown.complete(window);
    });
    return new Opened(closed, shown);
  }
}
