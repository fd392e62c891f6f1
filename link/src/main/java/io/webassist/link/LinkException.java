package io.webassist.link;

/**
 * Why a connection or a link could not be made: the {@code error.code} the other side answered
 * with (for example {@code bad_token}, {@code relay_full}), or one of this library's own codes
 * ({@link #CONNECT_FAILED}, {@link #TIMEOUT}, {@link #CLOSED}, {@link #TLS_FAILED}, {@link #NO_SECURITY}).
 */
public final class LinkException extends RuntimeException {
  public static final String CONNECT_FAILED = "connect_failed";
  public static final String TIMEOUT = "timeout";
  public static final String CLOSED = "closed";
  /** The TLS handshake failed: wrong pinned fingerprint, not a TLS server, or no handshake in time. */
  public static final String TLS_FAILED = "tls_failed";
  /** The program chose neither TLS nor plain TCP ({@link LinkOptions#requireSecurity()}). */
  public static final String NO_SECURITY = "no_transport_security";

  private final String code;

  public LinkException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public LinkException(String code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
