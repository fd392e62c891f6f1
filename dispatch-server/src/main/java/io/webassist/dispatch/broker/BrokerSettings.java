package io.webassist.dispatch.broker;

import io.webassist.dispatch.config.LoginPolicy;
import io.webassist.dispatch.config.QueueConfig;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.protocol.frame.CannedReply;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The part of the configuration the broker works with, plus where clients find the relay.
 * {@code queueStatusMs}: an agent hears {@code queue.status} at most once per this interval (0:
 * never pushed); {@code reclaimGraceMs}: how long a session waits for a user whose dispatch
 * connection dropped (0: ended at once, as {@code user_left}); {@code cannedReplies}: per group.
 */
public record BrokerSettings(
    long offerTimeoutMs, long declineCooldownMs, int maxQueuedPerGroup, long positionUpdateMs,
    int maxRequestsPerConnection, int maxPendingRequestsPerIp, boolean availableOnLogin, LoginPolicy loginPolicy,
    List<String> cobrowseAllowedHosts, boolean logPersonalData, RelayAddress relay,
    long queueStatusMs, long reclaimGraceMs, Map<String, List<CannedReply>> cannedReplies) {

  public BrokerSettings {
    cobrowseAllowedHosts = List.copyOf(cobrowseAllowedHosts);
    cannedReplies = cannedReplies == null ? Map.of() : Map.copyOf(cannedReplies);
  }

  /** Without {@code queue.status} pushes, session reclaim or canned replies. */
  public BrokerSettings(
      long offerTimeoutMs, long declineCooldownMs, int maxQueuedPerGroup, long positionUpdateMs,
      int maxRequestsPerConnection, int maxPendingRequestsPerIp, boolean availableOnLogin, LoginPolicy loginPolicy,
      List<String> cobrowseAllowedHosts, boolean logPersonalData, RelayAddress relay) {
    this(offerTimeoutMs, declineCooldownMs, maxQueuedPerGroup, positionUpdateMs, maxRequestsPerConnection,
        maxPendingRequestsPerIp, availableOnLogin, loginPolicy, cobrowseAllowedHosts, logPersonalData, relay,
        0, 0, Map.of());
  }

  public static BrokerSettings from(ServerConfig config, RelayAddress relay) {
    QueueConfig queue = config.queue();
    return new BrokerSettings(config.offerTimeoutMs(), config.declineCooldownMs(), queue.maxPerGroup(),
        queue.positionUpdateMs(), config.limits().maxRequestsPerConnection(),
        config.limits().maxPendingRequestsPerIp(), config.availableOnLogin(), config.agentLogin(),
        config.cobrowse().allowedHosts(), config.logging().personalData(), relay,
        queue.statusUpdateMs(), config.sessionReclaimMs(), config.routing().cannedReplies());
  }

  public BrokerSettings withQueueStatusMs(long value) {
    return new BrokerSettings(offerTimeoutMs, declineCooldownMs, maxQueuedPerGroup, positionUpdateMs,
        maxRequestsPerConnection, maxPendingRequestsPerIp, availableOnLogin, loginPolicy, cobrowseAllowedHosts,
        logPersonalData, relay, value, reclaimGraceMs, cannedReplies);
  }

  public BrokerSettings withReclaimGraceMs(long value) {
    return new BrokerSettings(offerTimeoutMs, declineCooldownMs, maxQueuedPerGroup, positionUpdateMs,
        maxRequestsPerConnection, maxPendingRequestsPerIp, availableOnLogin, loginPolicy, cobrowseAllowedHosts,
        logPersonalData, relay, queueStatusMs, value, cannedReplies);
  }

  public BrokerSettings withCannedReplies(Map<String, List<CannedReply>> value) {
    return new BrokerSettings(offerTimeoutMs, declineCooldownMs, maxQueuedPerGroup, positionUpdateMs,
        maxRequestsPerConnection, maxPendingRequestsPerIp, availableOnLogin, loginPolicy, cobrowseAllowedHosts,
        logPersonalData, relay, queueStatusMs, reclaimGraceMs, value);
  }

  /** The canned replies of {@code groups}, in the order of the groups. */
  List<CannedReply> cannedRepliesFor(List<String> groups) {
    return groups.stream().flatMap(g -> cannedReplies.getOrDefault(g, List.of()).stream()).toList();
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
