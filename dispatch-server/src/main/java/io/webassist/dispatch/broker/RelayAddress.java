package io.webassist.dispatch.broker;

import io.webassist.dispatch.clients.ClientLink;
import io.webassist.protocol.frame.Endpoint;

/** Where a client should reach the relay: the configured public host, or the address it reached us on. */
@FunctionalInterface
public interface RelayAddress {
  Endpoint forClient(ClientLink client);
}
