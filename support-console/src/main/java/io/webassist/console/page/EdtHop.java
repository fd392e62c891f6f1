package io.webassist.console.page;

import java.security.AccessController;
import java.security.PrivilegedAction;
import javax.swing.SwingUtilities;

/**
 * The page view's way onto the EDT. Under Java Web Start's security manager, code called back by
 * JavaFX or by the page's script runs with the page's restricted context, even in a jar with
 * all-permissions (shared/notes/JNLP-LAUNCH.md); an event posted to the EDT keeps the context it was
 * created in. So the task is posted from inside {@code doPrivileged}: it then runs with this signed
 * code's own permissions, and the console's work that follows (sending frames, writing its profile)
 * is not refused. Outside a security manager this is a plain {@code invokeLater}.
 */
final class EdtHop {

  private EdtHop() {}

  @SuppressWarnings("removal") // AccessController: needed while launchers run a security manager (Java 17)
  static void later(Runnable task) {
    AccessController.doPrivileged((PrivilegedAction<Void>) () -> {
      SwingUtilities.invokeLater(task);
      return null;
    });
  }

  static void assertOnEdt() {
    if (!SwingUtilities.isEventDispatchThread()) {
      throw new IllegalStateException("page view used off the EDT: " + Thread.currentThread().getName());
    }
  }
}
