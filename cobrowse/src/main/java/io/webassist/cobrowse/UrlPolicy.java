package io.webassist.cobrowse;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which URLs co-browsing may navigate to: {@code http} and {@code https} only, on the hosts the
 * dispatch server allows for the session ({@code cobrowseHosts}; an entry {@code *.example.com}
 * also allows its subdomains), or, when it allows none, the host of the page the user came from.
 * Everything else — {@code file:}, {@code jar:}, {@code javascript:}, other hosts, user-info tricks,
 * malformed text — is refused.
 */
public final class UrlPolicy {
  private final Set<String> hosts;

  private UrlPolicy(Set<String> hosts) {
    this.hosts = hosts;
  }

  /** The policy for a session: {@code allowedHosts} from session.start/support.assigned, else {@code pageUrl}'s host. */
  public static UrlPolicy forSession(List<String> allowedHosts, String pageUrl) {
    Set<String> normalised = allowedHosts == null ? Set.of()
        : allowedHosts.stream().filter(h -> h != null && !h.isBlank()).map(UrlPolicy::normalise)
            .collect(Collectors.toUnmodifiableSet());
    if (normalised.isEmpty() && pageUrl != null) {
      String pageHost = hostOf(pageUrl);
      normalised = pageHost == null ? Set.of() : Set.of(pageHost);
    }
    return new UrlPolicy(normalised);
  }

  public Set<String> hosts() {
    return hosts;
  }

  /** Why {@code url} may not be followed, or empty if it may. */
  public Optional<String> refusal(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of("empty URL");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      return Optional.of("malformed URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of(scheme.isEmpty() ? "not an absolute URL" : "scheme " + scheme + ": is not allowed");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("URLs with user info are not allowed");
    }
    String host = uri.getHost() == null ? null : normalise(uri.getHost());
    if (host == null || host.isEmpty()) {
      return Optional.of("URL has no host");
    }
    if (!allowed(host)) {
      return Optional.of("host " + host + " is not allowed for co-browsing");
    }
    return Optional.empty();
  }

  public boolean allows(String url) {
    return refusal(url).isEmpty();
  }

  private boolean allowed(String host) {
    if (hosts.contains(host)) {
      return true;
    }
    for (String entry : hosts) {
      if (entry.startsWith("*.") && host.endsWith(entry.substring(1))) {
        return true;
      }
    }
    return false;
  }

  private static String hostOf(String url) {
    try {
      String host = new URI(url.trim()).getHost();
      return host == null ? null : normalise(host);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String normalise(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  @Override
  public String toString() {
    return "UrlPolicy" + hosts;
  }
}
