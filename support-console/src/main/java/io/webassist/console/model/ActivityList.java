package io.webassist.console.model;

import io.webassist.protocol.frame.CobrowseInput;
import io.webassist.protocol.frame.CobrowsePointer;
import io.webassist.protocol.frame.SessionEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the user did in one session, each event with the time it arrived (claims 94, 105): the list
 * beside the page view. A run of pointer moves keeps one entry (the latest), so moves do not bury the
 * clicks and input; likewise a run of input events for the same field keeps one entry (the field's latest
 * value, with the latest time) instead of a line per keystroke. The list keeps the newest {@link #CAPACITY}
 * entries.
 */
public final class ActivityList {
  public static final int CAPACITY = 500;

  /** One user event and when it arrived (epoch ms, this console's clock). */
  public record Entry(long at, SessionEvent event) {}

  public interface Listener {
    /** The list changed: an entry added at the end, the last one replaced, or the oldest dropped. */
    void activityChanged(ActivityList list);
  }

  private final List<Entry> entries = new ArrayList<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public void record(SessionEvent event, long at) {
    Entry entry = new Entry(at, event);
    int last = entries.size() - 1;
    if (last >= 0 && replacesLast(entries.get(last).event(), event)) {
      entries.set(last, entry);
    } else {
      entries.add(entry);
      if (entries.size() > CAPACITY) {
        entries.remove(0);
      }
    }
    listeners.forEach(l -> l.activityChanged(this));
  }

  private static boolean replacesLast(SessionEvent previous, SessionEvent event) {
    if (event instanceof CobrowsePointer) {
      return previous instanceof CobrowsePointer;
    }
    return event instanceof CobrowseInput input && previous instanceof CobrowseInput before
        && before.field().equals(input.field());
  }

  public List<Entry> entries() {
    return Collections.unmodifiableList(entries);
  }

  public int size() {
    return entries.size();
  }
}
