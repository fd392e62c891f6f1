package io.webassist.cli;

/** A problem the person running the command can fix; its message says how. */
final class UserError extends RuntimeException {

  private final int exitCode;

  UserError(String message, int exitCode) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
