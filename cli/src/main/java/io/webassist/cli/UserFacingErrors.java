package io.webassist.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one line a person can act on, never a stack trace. Expected problems (a bad
 * config file, a port in use) throw {@link UserError}; anything else is reported by its message.
 */
final class UserFacingErrors implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    String message = e instanceof UserError ? e.getMessage() : describe(e);
    cmd.getErr().println("webassist: " + message);
    return e instanceof UserError u ? u.exitCode() : 1;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return text + " (set WEBASSIST_JAVA_OPTS=-Dorg.slf4j.simpleLogger.defaultLogLevel=debug for details)";
  }
}
