package io.webassist.client;

import io.webassist.cobrowse.Notice;
import io.webassist.protocol.frame.LinkPath;
import java.io.PrintStream;

/** The text-mode view of the assist client: one line per thing that happens. */
final class TextClientView implements ClientView {

  private final PrintStream out;

  TextClientView(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void status(String text) {
    out.println("* " + text);
  }

  @Override
  public synchronized void queued(int position, String reason) {
    String why = "agent_left".equals(reason) ? " (your agent left; you are back at the front)" : "";
    out.println("* You are number " + position + " in the queue" + why);
  }

  @Override
  public synchronized void assigned(String agentName) {
    out.println("* " + agentName + " is helping you");
  }

  @Override
  public synchronized void linked(LinkPath path) {
    out.println("* Connected to your agent (" + (path == LinkPath.DIRECT ? "direct link" : "through the relay")
        + "). Type a message and press Enter; /allow lets the agent guide your page, /stop ends that, /quit leaves.");
  }

  @Override
  public synchronized void chat(String from, String text) {
    out.println(from + ": " + text);
  }

  @Override
  public synchronized void notice(Notice notice) {
    out.println("! " + notice.message());
  }

  @Override
  public synchronized void pageChanged(String url) {
    out.println("* Page: " + url);
  }

  @Override
  public synchronized void ended(String reason) {
    out.println("* Session ended: " + reason);
  }
}
