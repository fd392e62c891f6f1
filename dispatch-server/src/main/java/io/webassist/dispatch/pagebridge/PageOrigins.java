package io.webassist.dispatch.pagebridge;

import io.webassist.dispatch.config.CobrowseConfig;
import java.util.List;
import java.util.Set;

/**
 * Which web pages may use the page bridge, by the {@code Origin} header browsers put on every
 * WebSocket handshake and cross-origin POST (and that page scripts cannot forge): exactly the
 * configured {@code cobrowse.pageOrigins}, or — when none are configured — only pages this server
 * serves itself. A missing Origin, {@code null} (sandboxed frames, {@code file:} pages, some
 * redirects) and anything else are refused: that is the defence against cross-site WebSocket hijacking.
 */
final class PageOrigins {

  private final Set<String> allowed;
  private final boolean tls;

  PageOrigins(List<String> configured, boolean tls) {
    this.allowed = Set.copyOf(configured);
    this.tls = tls;
  }

  /** Whether a request with this {@code Origin} (and {@code Host}) header comes from an allowed page. */
  boolean allows(String origin, String host) {
    if (origin == null || origin.isBlank() || origin.equals("null")) {
      return false;
    }
    String normalized;
    try {
      normalized = CobrowseConfig.normalizeOrigin(origin);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (!allowed.isEmpty()) {
      return allowed.contains(normalized);
    }
    if (host == null || host.isBlank()) {
      return false;
    }
    try {
      return normalized.equals(CobrowseConfig.normalizeOrigin((tls ? "https://" : "http://") + host));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
