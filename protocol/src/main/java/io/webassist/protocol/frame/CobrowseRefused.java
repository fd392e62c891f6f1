package io.webassist.protocol.frame;

/** The receiver refused to follow a navigation (URL not allowed, or no consent); tells the sender why. */
public record CobrowseRefused(long seq, long ts, String url, String reason) implements SessionEvent {
  public CobrowseRefused {
    Require.optionalText(url, "cobrowse.refused", "url", Require.URL);
    Require.nonBlank(reason, "cobrowse.refused", "reason", Require.SHORT_TEXT);
  }

  public CobrowseRefused(String url, String reason) {
    this(0, 0, url, reason);
  }

  @Override
  public CobrowseRefused stamped(long seq, long ts) {
    return new CobrowseRefused(seq, ts, url, reason);
  }
}
