package io.webassist.console.page;

import java.awt.GraphicsEnvironment;
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
