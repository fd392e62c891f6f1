package io.webassist.dispatch.config;

import java.util.List;

/**
 * Hosts that co-browsing may navigate to, sent to both sides of a session. Empty means: only the
 * host of the page the user asked for help from.
 */
public record CobrowseConfig(List<String> allowedHosts) {

  public CobrowseConfig {
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
  }

  public static CobrowseConfig defaults() {
    return new CobrowseConfig(List.of());
  }
}
