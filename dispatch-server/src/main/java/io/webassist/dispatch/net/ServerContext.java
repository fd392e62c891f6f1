package io.webassist.dispatch.net;

import io.netty.channel.group.ChannelGroup;
import io.webassist.dispatch.broker.SupportBroker;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.metrics.Metrics;
import io.webassist.dispatch.relay.RelayHub;

/** What the connection handlers share: the configuration, the domain, and every open TCP connection. */
public record ServerContext(
    ServerConfig config, SupportBroker broker, RelayHub relay, AgentAuthenticator authenticator, Metrics metrics,
    ChannelGroup connections) {}
