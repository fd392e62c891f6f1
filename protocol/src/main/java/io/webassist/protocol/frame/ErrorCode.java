package io.webassist.protocol.frame;

/** Every {@code error.code} the protocol uses; docs/PROTOCOL.md explains each. */
public final class ErrorCode {
  public static final String BAD_FRAME = "bad_frame";
  public static final String UNKNOWN_TYPE = "unknown_type";
  public static final String FRAME_TOO_LARGE = "frame_too_large";
  public static final String UNSUPPORTED_PROTOCOL = "unsupported_protocol";
  public static final String HELLO_REQUIRED = "hello_required";
  public static final String HELLO_TIMEOUT = "hello_timeout";
  public static final String WRONG_STATE = "wrong_state";
  public static final String AUTH_FAILED = "auth_failed";
  public static final String ALREADY_LOGGED_IN = "already_logged_in";
  public static final String RATE_LIMITED = "rate_limited";
  public static final String TOO_MANY_CONNECTIONS = "too_many_connections";
  public static final String TOO_MANY_REQUESTS = "too_many_requests";
  public static final String UNKNOWN_REQUEST = "unknown_request";
  public static final String UNKNOWN_SESSION = "unknown_session";
  public static final String OFFER_GONE = "offer_gone";
  public static final String BAD_TOKEN = "bad_token";
  public static final String RELAY_FULL = "relay_full";
  public static final String SESSION_ENDED = "session_ended";
  public static final String IDLE_TIMEOUT = "idle_timeout";
  public static final String SHUTTING_DOWN = "shutting_down";
  public static final String INTERNAL = "internal";

  private ErrorCode() {}
}
