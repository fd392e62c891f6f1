package io.webassist.console.model;

import io.webassist.protocol.frame.CobrowseClick;
import io.webassist.protocol.frame.CobrowseConsent;
import io.webassist.protocol.frame.CobrowseHighlight;
import io.webassist.protocol.frame.CobrowseInput;
import io.webassist.protocol.frame.CobrowseNavigate;
import io.webassist.protocol.frame.CobrowsePointer;
import io.webassist.protocol.frame.CobrowseScroll;
import io.webassist.protocol.frame.CobrowseSnapshot;
import io.webassist.protocol.frame.SessionEvent;

/** One user event in a few words, for the activity list and the text console. */
public final class ActivityText {

  private ActivityText() {}

  public static String describe(SessionEvent event) {
    if (event instanceof CobrowsePointer p) {
      return "pointer at " + p.x() + "," + p.y() + (p.selector() == null ? "" : " over " + p.selector());
    } else if (event instanceof CobrowseClick c) {
      return "clicked " + (c.target() == null ? "" : c.target() + " ") + "at " + c.x() + "," + c.y();
    } else if (event instanceof CobrowseInput i) {
      return "typed in " + i.field() + ": " + i.value();
    } else if (event instanceof CobrowseScroll s) {
      return "scrolled to " + s.x() + "," + s.y();
    } else if (event instanceof CobrowseNavigate n) {
      return "went to " + n.url();
    } else if (event instanceof CobrowseConsent c) {
      return c.allowed() ? "allowed co-browsing" : "stopped co-browsing";
    } else if (event instanceof CobrowseSnapshot s) {
      return s.consent() ? "shares the page " + s.url() : "has not allowed co-browsing";
    } else if (event instanceof CobrowseHighlight h) {
      return "highlighted " + h.selector();
    }
    return event.type();
  }
}
