package io.webassist.protocol.frame;

/** The sender's page went to {@code url}; the agent leads, so the user's view follows (claims 92, 103). */
public record CobrowseNavigate(long seq, long ts, String url) implements SessionEvent {
  public CobrowseNavigate {
    Require.nonBlank(url, "cobrowse.navigate", "url", Require.URL);
  }

  public CobrowseNavigate(String url) {
    this(0, 0, url);
  }

  @Override
  public CobrowseNavigate stamped(long seq, long ts) {
    return new CobrowseNavigate(seq, ts, url);
  }
}
