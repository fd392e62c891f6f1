package io.webassist.dispatch.config;

/**
 * A configuration the server refuses to start with. The message names the file, the field and
 * what is wrong, e.g. {@code webassist.json: agents[1].passwordHash: must be a PBKDF2 hash made by
 * ./webassist hash-password}, so it can be printed to an operator as it is, without a stack trace.
 */
public final class ConfigException extends Exception {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
