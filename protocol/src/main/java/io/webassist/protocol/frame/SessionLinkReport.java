package io.webassist.protocol.frame;

/** A peer tells the dispatch server which path its session's link took, for the metrics. */
public record SessionLinkReport(String sessionId, LinkPath path) implements Frame {
  public SessionLinkReport {
    Require.nonBlank(sessionId, "session.link", "sessionId", Require.SHORT_TEXT);
    Require.present(path, "session.link", "path");
  }
}
