package io.webassist.dispatch.config;

import java.util.Locale;

/** What happens when an agent logs in while already logged in on another connection. */
public enum LoginPolicy {
  /** The new login wins; the old connection gets {@code already_logged_in} and is closed. */
  TAKEOVER,
  /** The new login gets {@code already_logged_in}; the old connection keeps working. */
  REFUSE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
