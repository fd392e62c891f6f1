package io.webassist.dispatch.net;

import io.netty.channel.group.ChannelGroup;
import io.webassist.dispatch.broker.SupportBroker;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.limits.LimitGuards;
import io.webassist.dispatch.limits.Ticker;
import io.webassist.dispatch.metrics.Metrics;
import io.webassist.dispatch.pagebridge.PageHub;
import io.webassist.dispatch.relay.RelayHub;

/**
 * What the connection handlers share: the configuration, the domain, every open TCP connection,
 * the limiters, and the page bridge's hub.
 */
public record ServerContext(
    ServerConfig config, SupportBroker broker, RelayHub relay, AgentAuthenticator authenticator, Metrics metrics,
    ChannelGroup connections, LimitGuards limits, PageHub pages) {

  /** With a page hub of its own. */
  public ServerContext(ServerConfig config, SupportBroker broker, RelayHub relay, AgentAuthenticator authenticator,
      Metrics metrics, ChannelGroup connections, LimitGuards limits) {
    this(config, broker, relay, authenticator, metrics, connections, limits, new PageHub(metrics));
  }

  /** With limiters made from {@code config} on the system clock. */
  public ServerContext(ServerConfig config, SupportBroker broker, RelayHub relay, AgentAuthenticator authenticator,
      Metrics metrics, ChannelGroup connections) {
    this(config, broker, relay, authenticator, metrics, connections, LimitGuards.from(config, metrics, Ticker.SYSTEM));
  }
}
