package io.webassist.console.webstart;

import io.webassist.console.SupportConsoleMain;
import io.webassist.console.page.PageViews;
import java.awt.AWTEvent;
import java.awt.Dialog;
import java.awt.Frame;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.WindowEvent;
import javax.swing.SwingUtilities;

/**
 * The agent console as {@code /console.jnlp} launches it (claims 97, 108: the support side receives the
 * user's information in a web-launched, signed component). It starts the page engine at once, so the
 * JavaFX toolkit and WebKit are loaded while the agent logs in, and writes one line per step to standard
 * output (the launcher's log): the page engine's state and each window that opens. Then it runs the
 * console exactly as {@code ./webassist console} does, with the arguments the JNLP carries (the
 * dispatch server's address and certificate fingerprint, and the agent id when the agents' page had it).
 */
public final class ConsoleWebStart {

  private ConsoleWebStart() {}

  public static void main(String[] args) {
    System.out.println("console web start: java=" + System.getProperty("java.version")
        + " security-manager=" + (System.getSecurityManager() != null));
    Toolkit.getDefaultToolkit().addAWTEventListener(ConsoleWebStart::windowEvent, AWTEvent.WINDOW_EVENT_MASK);
    SwingUtilities.invokeLater(() -> PageViews.prepare(state -> System.out.println("console page engine " + state)));
    SupportConsoleMain.main(args);
  }

  private static void windowEvent(AWTEvent event) {
    if (event.getID() == WindowEvent.WINDOW_OPENED && event.getSource() instanceof Window window) {
      String title = window instanceof Frame frame ? frame.getTitle()
          : window instanceof Dialog dialog ? dialog.getTitle() : "";
      System.out.println("console window opened title=" + title);
    }
  }
}
