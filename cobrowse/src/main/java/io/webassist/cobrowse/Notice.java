package io.webassist.cobrowse;

/** Something the UI shows the person at this end: a refused navigation, a masked field, consent changes. */
public record Notice(Kind kind, String message, String url) {
  public enum Kind {
    /** A navigation (ours or the peer's) was refused by the URL policy; it was not followed. */
    NAVIGATION_REFUSED,
    /** The peer refused something we sent ({@code cobrowse.refused}). */
    REFUSED_BY_PEER,
    /** A co-browse action waits for the user's consent; nothing was sent. */
    CONSENT_REQUIRED,
    /** The user allowed or stopped co-browsing. */
    CONSENT_CHANGED,
    /** The peer ended the session. */
    SESSION_ENDED
  }
}
