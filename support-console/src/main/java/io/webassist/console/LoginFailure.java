package io.webassist.console;

import io.webassist.link.LinkException;
import io.webassist.protocol.frame.ErrorCode;

/** Why logging in failed, in words for the agent, with a kind the login window acts on. */
public final class LoginFailure extends Exception {

  public enum Kind {
    /** The server refused the agent id or password. */
    WRONG_PASSWORD,
    /** Too many failed logins: the agent id (or this address) is blocked for a while. */
    LOCKED_OUT,
    /** No server answered at that address. */
    UNREACHABLE,
    /** The server's certificate is not the trusted one. */
    UNTRUSTED_CERTIFICATE,
    /** Anything else the server refused. */
    REFUSED
  }

  private final Kind kind;

  public LoginFailure(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** The failure a login {@code error} frame stands for. */
  static LoginFailure fromError(String code, String message) {
    if (ErrorCode.AUTH_FAILED.equals(code)) {
      return new LoginFailure(Kind.WRONG_PASSWORD, "Wrong agent id or password.");
    }
    if (ErrorCode.RATE_LIMITED.equals(code)) {
      return new LoginFailure(Kind.LOCKED_OUT, "Too many failed logins: this agent is locked out for a while ("
          + message + "). Try again later or ask your administrator.");
    }
    return new LoginFailure(Kind.REFUSED, "The server refused the login: " + message);
  }

  /** The failure a failed first connection stands for. */
  static LoginFailure fromConnect(Throwable failure, String server) {
    Throwable cause = failure;
    while (!(cause instanceof LinkException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof LinkException link && LinkException.TLS_FAILED.equals(link.code())) {
      return new LoginFailure(Kind.UNTRUSTED_CERTIFICATE, "The server at " + server
          + " did not present the trusted certificate.");
    }
    if (cause instanceof LinkException link && !LinkException.CONNECT_FAILED.equals(link.code())
        && !LinkException.TIMEOUT.equals(link.code()) && !LinkException.CLOSED.equals(link.code())) {
      return new LoginFailure(Kind.REFUSED, "The server at " + server + " refused the connection: "
          + link.getMessage());
    }
    return new LoginFailure(Kind.UNREACHABLE, "Cannot reach a WebAssist server at " + server
        + ". Check the address and that the server runs.");
  }
}
