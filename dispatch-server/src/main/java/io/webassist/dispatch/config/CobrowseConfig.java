package io.webassist.dispatch.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Co-browse settings.
 *
 * @param allowedHosts hosts that co-browsing may navigate to, sent to both sides of a session. Empty
 *     means: only the host of the page the user asked for help from.
 * @param pageOrigins the web origins ({@code https://shop.example.com}, scheme, host and port when not
 *     the default) whose pages may open the page bridge: ask for a launch and open its WebSocket.
 *     Empty means only pages served by this dispatch server itself (the demo site). Each is kept in
 *     the form a browser sends in {@code Origin}: lower case, no path, no default port.
 */
public record CobrowseConfig(List<String> allowedHosts, List<String> pageOrigins) {

  public CobrowseConfig {
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    List<String> origins = new ArrayList<>();
    for (String origin : pageOrigins == null ? List.<String>of() : pageOrigins) {
      origins.add(normalizeOrigin(origin));
    }
    pageOrigins = List.copyOf(origins);
  }

  public CobrowseConfig(List<String> allowedHosts) {
    this(allowedHosts, List.of());
  }

  public static CobrowseConfig defaults() {
    return new CobrowseConfig(List.of(), List.of());
  }

  public CobrowseConfig withPageOrigins(List<String> value) {
    return new CobrowseConfig(allowedHosts, value);
  }

  /**
   * {@code origin} as a browser sends it: {@code scheme://host[:port]} in lower case, without a
   * default port.
   *
   * @throws IllegalArgumentException when it is not an http or https origin without a path
   */
  public static String normalizeOrigin(String origin) {
    if (origin == null || origin.isBlank()) {
      throw new IllegalArgumentException("a page origin must not be empty");
    }
    URI uri;
    try {
      uri = new URI(origin.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("\"" + origin + "\" is not an origin: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
        || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
      throw new IllegalArgumentException("\"" + origin + "\" is not an origin; write it as https://host or "
          + "https://host:port, without a path");
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }
}
