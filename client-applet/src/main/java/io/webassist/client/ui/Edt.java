package io.webassist.client.ui;

import java.lang.reflect.InvocationTargetException;
import javax.swing.SwingUtilities;

/** The one way onto the Swing thread (JOSM's GuiHelper idea): every link callback that touches the UI goes through here. */
public final class Edt {

  private Edt() {}

  /** Runs {@code task} on the EDT: now if this is it, else later. Never blocks. */
  public static void run(Runnable task) {
    if (SwingUtilities.isEventDispatchThread()) {
      task.run();
    } else {
      SwingUtilities.invokeLater(task);
    }
  }

  /** Runs {@code task} on the EDT and waits; for start-up and tests, never from the link thread. */
  public static void runAndWait(Runnable task) {
    if (SwingUtilities.isEventDispatchThread()) {
      task.run();
      return;
    }
    try {
      SwingUtilities.invokeAndWait(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("UI task failed", e.getCause());
    }
  }

  /** Fails fast where a model meant for the EDT is touched from elsewhere. */
  public static void check() {
    if (!SwingUtilities.isEventDispatchThread()) {
      throw new IllegalStateException("not on the Swing event thread: " + Thread.currentThread().getName());
    }
  }
}
