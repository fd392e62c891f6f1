package io.webassist.dispatch.broker;

import io.webassist.dispatch.config.LoginPolicy;
import io.webassist.dispatch.config.ServerConfig;
import java.net.URI;
import java.util.List;

/** The part of the configuration the broker works with, plus where clients find the relay. */
public record BrokerSettings(
    long offerTimeoutMs, long declineCooldownMs, int maxQueuedPerGroup, long positionUpdateMs,
    int maxRequestsPerConnection, int maxPendingRequestsPerIp, boolean availableOnLogin, LoginPolicy loginPolicy,
    List<String> cobrowseAllowedHosts, boolean logPersonalData, RelayAddress relay) {

  public BrokerSettings {
    cobrowseAllowedHosts = List.copyOf(cobrowseAllowedHosts);
  }

  public static BrokerSettings from(ServerConfig config, RelayAddress relay) {
    return new BrokerSettings(config.offerTimeoutMs(), config.declineCooldownMs(), config.queue().maxPerGroup(),
        config.queue().positionUpdateMs(), config.limits().maxRequestsPerConnection(),
        config.limits().maxPendingRequestsPerIp(), config.availableOnLogin(), config.agentLogin(),
        config.cobrowse().allowedHosts(), config.logging().personalData(), relay);
  }

  /** Hosts co-browsing may navigate to: the configured ones, or else the host of the user's page. */
  List<String> cobrowseHostsFor(String pageUrl) {
    if (!cobrowseAllowedHosts.isEmpty()) {
      return cobrowseAllowedHosts;
    }
    if (pageUrl == null) {
      return List.of();
    }
    try {
      String host = URI.create(pageUrl).getHost();
      return host == null ? List.of() : List.of(host);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }
}
