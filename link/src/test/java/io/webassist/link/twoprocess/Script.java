package io.webassist.link.twoprocess;

import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.Notice;
import io.webassist.link.LinkOptions;
import io.webassist.link.TransportSecurity;
import io.webassist.protocol.frame.SessionEvent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What the two processes say to each other: chat lines used as cues, and the report format. */
final class Script {
  static final String PAGE = "https://shop.example.com/checkout";
  static final String ASK_CONSENT = "Could you allow co-browsing?";
  static final String USER_DONE = "I allowed it and filled in the form";
  static final String AGENT_DONE = "Let me show you the FAQ";
  static final String ALL_APPLIED = "I see it, thanks";
  static final String REFUSED_URL = "file:///etc/passwd";

  /**
   * TLS, as in production: the user's listener gets a fresh certificate, the agent pins it. Neither
   * process talks to a dispatch server, so the server pin is one no server has.
   */
  static final LinkOptions OPTIONS = LinkOptions.builder()
      .security(TransportSecurity.pinned("00".repeat(32)))
      .directTimeout(Duration.ofSeconds(15))
      .establishTimeout(Duration.ofSeconds(30))
      .dialTimeout(Duration.ofSeconds(2))
      .build();

  private Script() {}

  /** The lines a side reports at the end; the parent compares its own report with the child's. */
  static List<String> report(CobrowseSession model, Set<String> receivedTypes) {
    return List.of(
        "VIEW " + model.page().view(),
        "CHAT " + String.join("|", model.chat().texts()),
        "REMOTE_POINTER " + model.page().remotePointer(),
        "REMOTE_CLICK " + model.page().remoteClick(),
        "NOTICES " + model.notices().stream().map(Notice::kind).map(Enum::name).collect(Collectors.joining(",")),
        "RECEIVED " + String.join(",", new TreeSet<>(receivedTypes)));
  }

  static String typeOf(SessionEvent event) {
    return event.type();
  }
}
