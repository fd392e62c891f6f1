package io.webassist.console.page;

import java.awt.GraphicsEnvironment;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the page view for a session tab: the JavaFX one ({@link JavaFxPageView}) where JavaFX starts,
 * otherwise a plain Swing view ({@link UrlPageView}) that shows the page's address and says why the
 * page itself cannot be shown. Setting the system property {@value #PROPERTY} to {@code plain}
 * chooses the plain view on purpose (a machine without GTK 3, or to save memory).
 */
public final class PageViews {

  /** System property: {@code plain} for the address-only view. */
  public static final String PROPERTY = "webassist.pageView";

  private static final Logger LOG = LoggerFactory.getLogger(PageViews.class);
  /**
   * JavaFX's own logger, kept here so that the filter set on it stays (java.util.logging holds loggers
   * weakly). JavaFX warns "Unsupported JavaFX configuration: classes were loaded from 'unnamed module …'"
   * whenever its jars are on the class path rather than the module path, which is the only way a shaded
   * jar (./webassist console) or Java Web Start can load them. Harmless here: that configuration breaks
   * only the launch of a {@code javafx.application.Application} main class ("JavaFX runtime components
   * are missing"); the console embeds the toolkit through {@code JFXPanel}, and its natives are
   * extracted from the jars as on the module path (the WebView tests and the javaws launch run so).
   * The line only alarms the agent, so it is dropped; every other JavaFX message still shows.
   */
  private static final java.util.logging.Logger JAVAFX_LOG = quietClassPathWarning();
  private static volatile String unavailable;

  private PageViews() {}

  /** A new page view; on the EDT. Never fails: without JavaFX the plain view says why. */
  public static PageView create() {
    EdtHop.assertOnEdt();
    if ("plain".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
      return new UrlPageView("The page view is switched off (" + PROPERTY + "=plain).");
    }
    String reason = unavailable;
    if (reason == null) {
      try {
        return javaFx();
      } catch (RuntimeException | LinkageError e) {
        reason = "JavaFX could not start (" + e + ")";
        unavailable = reason; // the toolkit does not recover in this process: do not try again per tab
        LOG.warn("page view without JavaFX reason={}", e.toString());
      }
    }
    return new UrlPageView("The page cannot be shown here: " + reason
        + ". Open the address below in a browser to see what the user sees.");
  }

  /**
   * Starts the page engine (the JavaFX toolkit and WebKit) ahead of the first session, so that the
   * first page shows sooner; on the EDT, returns at once. {@code done} gets, on the EDT, a line saying
   * "ready" with the versions, or why the engine cannot run (then {@link #create} gives the plain view).
   */
  public static void prepare(Consumer<String> done) {
    EdtHop.assertOnEdt();
    if (unavailable != null || "plain".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
      done.accept("not used: " + (unavailable != null ? unavailable : PROPERTY + "=plain"));
      return;
    }
    try {
      if (GraphicsEnvironment.isHeadless()) {
        throw new IllegalStateException("no display");
      }
      JavaFxPageView.prepareEngine(done);
    } catch (RuntimeException | LinkageError e) {
      unavailable = "JavaFX could not start (" + e + ")";
      LOG.warn("page engine cannot start reason={}", e.toString());
      done.accept("unavailable: " + unavailable);
    }
  }

  private static java.util.logging.Logger quietClassPathWarning() {
    java.util.logging.Logger javafx = java.util.logging.Logger.getLogger("javafx");
    try {
      javafx.setFilter(record -> record.getMessage() == null
          || !record.getMessage().startsWith("Unsupported JavaFX configuration: classes were loaded from"));
    } catch (SecurityException e) {
      LOG.debug("javafx log filter not set reason={}", e.toString());
    }
    return javafx;
  }

  /** Whether the JavaFX view can be used in this process, as far as is known before trying it. */
  public static boolean javaFxAvailable() {
    return unavailable == null && !GraphicsEnvironment.isHeadless()
        && PageViews.class.getClassLoader().getResource("javafx/embed/swing/JFXPanel.class") != null;
  }

  private static PageView javaFx() {
    if (GraphicsEnvironment.isHeadless()) {
      throw new IllegalStateException("no display");
    }
    return new JavaFxPageView();
  }
}
