package io.webassist.client.ui;

import java.awt.Desktop;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an address in the person's default browser where the desktop supports it ({@link Desktop}
 * {@code BROWSE}); where it does not (no desktop, a bare X server), the window shows the address
 * to click or copy instead. The page bridge (issue 11) makes the tab itself follow; this is the
 * fallback until the page's bridge is connected.
 */
public interface PageOpener {

  /** Whether {@link #open} can work here. */
  boolean canOpen();

  /** Opens {@code url} without blocking the caller; completes with whether it worked. */
  CompletableFuture<Boolean> open(String url);

  /** The desktop's default browser. */
  static PageOpener desktop() {
    return new PageOpener() {
      private final Logger log = LoggerFactory.getLogger(PageOpener.class);

      @Override
      public boolean canOpen() {
        return Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE);
      }

      @Override
      public CompletableFuture<Boolean> open(String url) {
        if (!canOpen()) {
          return CompletableFuture.completedFuture(false);
        }
        // Desktop.browse may wait for the browser to start: never on the EDT
        return CompletableFuture.supplyAsync(() -> {
          try {
            Desktop.getDesktop().browse(URI.create(url));
            return true;
          } catch (Exception e) {
            log.warn("cannot open the browser url={} reason={}", url, e.toString());
            return false;
          }
        });
      }
    };
  }
}
