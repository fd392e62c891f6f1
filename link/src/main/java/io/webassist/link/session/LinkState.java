package io.webassist.link.session;

/** Where a {@link SessionLink} stands. */
public enum LinkState {
  /** The first link of the session is being made (direct, then relay). */
  CONNECTING,
  /** Linked and resumed: events flow. {@link SessionLink#path()} says which way. */
  UP,
  /** The link dropped without {@code session.end}; both sides are re-establishing it. */
  RECOVERING,
  /** No link could be made or re-made in time; final. The app tells the dispatch server. */
  LOST,
  /** {@code session.end} sent or received; final. */
  ENDED
}
