package io.webassist.link.testing;

import io.webassist.link.session.LinkState;
import io.webassist.link.session.SessionLink;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.SessionEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a session link delivers, for assertions from the test thread. */
public final class Recorder implements SessionLink.Listener {
  public final List<SessionEvent> events = new CopyOnWriteArrayList<>();
  public final List<LinkState> states = new CopyOnWriteArrayList<>();
  public final List<Thread> callbackThreads = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(SessionLink link, SessionEvent event) {
    callbackThreads.add(Thread.currentThread());
    events.add(event);
  }

  @Override
  public void onStateChanged(SessionLink link, LinkState state) {
    callbackThreads.add(Thread.currentThread());
    states.add(state);
  }

  public List<String> chatTexts() {
    return events.stream().filter(ChatMessage.class::isInstance).map(e -> ((ChatMessage) e).text()).toList();
  }
}
