package io.webassist.client;

/**
 * Where the client stands with the dispatch server, as a code a view words for itself (the window
 * and the text client say it differently; neither compares sentences).
 */
public enum ConnectionPhase {
  /** Opening the dispatch connection (and the peer listener). */
  CONNECTING,
  /** The request is on its way; {@code support.queued} follows. */
  REQUEST_SENT,
  /** The dispatch connection dropped; reconnecting with back-off. */
  RECONNECTING,
  /** Back after a drop, with the session going on. */
  RECONNECTED,
  /** Back after a drop before anyone had taken the request: it was sent again (the server's queue did not keep it). */
  RECONNECTED_ASKED_AGAIN,
  /** The server ended the session because it lost this client's connection; the client asked again. */
  ASKING_AGAIN,
  /** Closed for good (the person left or the client was closed). */
  DISCONNECTED
}
