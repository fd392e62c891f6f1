package io.webassist.dispatch.config;

/**
 * {@code personalData}: when true, users' names, phones and IP addresses are written to the log at
 * DEBUG level; when false (the default) they are never logged at all.
 */
public record LoggingConfig(boolean personalData) {

  public static LoggingConfig defaults() {
    return new LoggingConfig(false);
  }
}
