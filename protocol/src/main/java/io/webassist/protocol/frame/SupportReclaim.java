package io.webassist.protocol.frame;

/**
 * User → server, after its dispatch connection dropped and came back during a session: "this
 * session is still mine". {@code token} is the session token from {@code support.assigned}. The
 * server answers {@code support.assigned} again (same session, same token) when the session waited
 * for the user within the grace period, {@code support.unavailable} with {@code reclaim_expired} or
 * {@code session_ended} when it is over, or {@code error{bad_token}}.
 */
public record SupportReclaim(String requestId, String sessionId, String token) implements Frame {
  public SupportReclaim {
    Require.nonBlank(requestId, "support.reclaim", "requestId", Require.SHORT_TEXT);
    Require.nonBlank(sessionId, "support.reclaim", "sessionId", Require.SHORT_TEXT);
    Require.nonBlank(token, "support.reclaim", "token", Require.SHORT_TEXT);
  }

  @Override
  public String toString() {
    return "SupportReclaim[requestId=" + requestId + ", sessionId=" + sessionId + ", token=***]";
  }
}
