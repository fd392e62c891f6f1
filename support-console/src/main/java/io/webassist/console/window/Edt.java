package io.webassist.console.window;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.swing.SwingUtilities;

/**
 * The console's one EDT helper (like JOSM's GuiHelper): every Swing call goes through it, and every
 * blocking job (a probe, a file, closing the network) goes to {@link #background()} instead.
 */
public final class Edt {
  private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "console-background");
    t.setDaemon(true);
    return t;
  });

  private Edt() {}

  /** Runs {@code task} on the EDT later, in order with the other tasks handed over. */
  public static void later(Runnable task) {
    SwingUtilities.invokeLater(task);
  }

  /** Runs {@code task} now if on the EDT, else later on it. */
  public static void run(Runnable task) {
    if (SwingUtilities.isEventDispatchThread()) {
      task.run();
    } else {
      SwingUtilities.invokeLater(task);
    }
  }

  /** The EDT as an executor (FIFO), for the desk's models. */
  public static Executor executor() {
    return SwingUtilities::invokeLater;
  }

  /** Runs {@code task} on the EDT and waits for its result; never call it on the EDT. */
  public static <T> T call(Callable<T> task) {
    if (SwingUtilities.isEventDispatchThread()) {
      throw new IllegalStateException("Edt.call on the EDT would wait for itself");
    }
    Object[] result = new Object[1];
    try {
      SwingUtilities.invokeAndWait(() -> {
        try {
          result[0] = task.call();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the EDT", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    }
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }

  /** Fails unless on the EDT. */
  public static void assertOnEdt() {
    if (!SwingUtilities.isEventDispatchThread()) {
      throw new IllegalStateException("not on the EDT: " + Thread.currentThread().getName());
    }
  }

  /** Where blocking work goes: never the EDT. */
  public static Executor background() {
    return BACKGROUND;
  }
}
