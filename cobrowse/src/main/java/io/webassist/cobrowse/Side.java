package io.webassist.cobrowse;

/** Which end of a session a {@link CobrowseSession} runs on. */
public enum Side {
  /** The support party's console: leads the page once the user allows it (claims 92, 93, 103, 104). */
  AGENT,
  /** The person being helped: owns the page and the consent; its events flow to the agent (claims 94, 105). */
  USER;

  public Side other() {
    return this == AGENT ? USER : AGENT;
  }
}
