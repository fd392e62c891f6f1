package io.webassist.console.testing;

import io.webassist.console.page.PageView;
import io.webassist.protocol.frame.SessionEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;

/**
 * A page view for the console's UI tests, without JavaFX: it records what the console asks of it and
 * lets a test act as the agent in the page through the listener the console set. Checks that every
 * call comes on the EDT.
 */
public final class RecordingPageView implements PageView {
  public final List<String> loads = new CopyOnWriteArrayList<>();
  public final List<SessionEvent> userEvents = new CopyOnWriteArrayList<>();
  public final List<Boolean> follow = new CopyOnWriteArrayList<>();
  public final List<Boolean> highlightTool = new CopyOnWriteArrayList<>();
  public final List<String> offEdtCalls = new CopyOnWriteArrayList<>();
  private final JLabel component = new JLabel("page");
  private volatile Listener listener;
  private volatile boolean disposed;

  public RecordingPageView() {
    component.setName("recordingPage");
  }

  private void onEdt(String call) {
    if (!SwingUtilities.isEventDispatchThread()) {
      offEdtCalls.add(call);
    }
  }

  @Override
  public JComponent component() {
    onEdt("component");
    return component;
  }

  @Override
  public void load(String url) {
    onEdt("load");
    loads.add(url);
  }

  @Override
  public void showUserEvent(SessionEvent event) {
    onEdt("showUserEvent");
    userEvents.add(event);
  }

  @Override
  public void setFollowUser(boolean on) {
    onEdt("setFollowUser");
    follow.add(on);
  }

  @Override
  public boolean followsUser() {
    onEdt("followsUser");
    return follow.isEmpty() || follow.get(follow.size() - 1);
  }

  @Override
  public void setHighlightTool(boolean on) {
    onEdt("setHighlightTool");
    highlightTool.add(on);
  }

  @Override
  public boolean highlightTool() {
    onEdt("highlightTool");
    return !highlightTool.isEmpty() && highlightTool.get(highlightTool.size() - 1);
  }

  @Override
  public void setListener(Listener next) {
    onEdt("setListener");
    listener = next;
  }

  /** The console's listener: call it on the EDT, as a real page view would. */
  public Listener listener() {
    return listener;
  }

  @Override
  public void dispose() {
    onEdt("dispose");
    disposed = true;
  }

  public boolean disposed() {
    return disposed;
  }
}
