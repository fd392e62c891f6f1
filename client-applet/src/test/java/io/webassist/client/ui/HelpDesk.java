package io.webassist.client.ui;

import io.webassist.dispatch.DispatchServer;
import io.webassist.dispatch.config.AgentConfig;
import io.webassist.dispatch.config.PasswordHasher;
import io.webassist.dispatch.config.RoutingConfig;
import io.webassist.dispatch.config.RoutingRule;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import io.webassist.link.TransportSecurity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * A real dispatch server in this JVM on free loopback ports, TLS on as in production: "bob" (Bob)
 * serves the "general" group, customers starting with {@code vip-} go to "premium", which nobody
 * serves, and customers starting with {@code nobody-} to a group no agent is configured for.
 */
final class HelpDesk implements AutoCloseable {

  static final String PAGE = "https://shop.example/cart";
  static final String PASSWORD = "bob-secret";

  final DispatchServer server;

  private HelpDesk(DispatchServer server) {
    this.server = server;
  }

  static HelpDesk start() {
    try {
      String hash = PasswordHasher.hash(PASSWORD.toCharArray(), 1000);
      ServerConfig config = ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
          .withTls(TlsConfig.selfSigned(Files.createTempDirectory("webassist-ui-tls")))
          .withAgents(List.of(new AgentConfig("bob", "Bob", List.of("general"), 1, hash)))
          .withRouting(new RoutingConfig(List.of(RoutingRule.prefix("nobody", "nobody-")), "general"));
      return new HelpDesk(DispatchServer.start(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TransportSecurity security() {
    return TransportSecurity.pinned(server.fingerprint());
  }

  int port() {
    return server.tcpPort();
  }

  /** What the page would pass for customer {@code customerId}, with the given name and phone. */
  AssistController.Launch launch(String customerId, String name, String phone) {
    return AssistController.Launch.to("127.0.0.1", port(), security(), PAGE, customerId, null, "127.0.0.1",
        new Details(name, phone));
  }

  @Override
  public void close() {
    server.close();
  }
}
