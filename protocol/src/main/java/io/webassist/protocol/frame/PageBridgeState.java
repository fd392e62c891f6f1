package io.webassist.protocol.frame;

import java.util.Set;

/**
 * Where the page bridge stands, from the server. To the assist client: {@code paired} (its
 * {@code support.request.pageKey} was accepted), {@code refused} (the key was unknown, used or
 * expired; {@code reason} says which), {@code page_connected} / {@code page_left} (the person's tab
 * opened or closed its socket, e.g. while going to the next page), {@code closed} (the bridge is over).
 * To the page, on its WebSocket only: {@code connected} with the {@code key} to present next time
 * (every key opens one socket; the script keeps the newest in {@code sessionStorage}), and
 * {@code closed}.
 */
public record PageBridgeState(String state, String reason, String key) implements Frame {

  public static final Set<String> STATES = Set.of("paired", "refused", "page_connected", "page_left", "connected",
      "closed");

  public PageBridgeState {
    Require.nonBlank(state, "page.bridge", "state", Require.SHORT_TEXT);
    if (!STATES.contains(state)) {
      throw new FrameValidationException("page.bridge", "state", "must be one of " + STATES);
    }
    Require.optionalText(reason, "page.bridge", "reason", Require.SHORT_TEXT);
    Require.optionalText(key, "page.bridge", "key", Require.SHORT_TEXT);
  }

  public static PageBridgeState of(String state, String reason) {
    return new PageBridgeState(state, reason, null);
  }
}
