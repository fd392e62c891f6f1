package io.webassist.console.testing;

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
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real dispatch server in this JVM on free loopback ports, TLS with a self-signed certificate, with
 * the demo's agents and routing (customer ids starting with {@code vip-} → premium, others → general):
 * alice (premium, general), bob and carol (general); each one's password is its id + "-pw".
 */
public final class TestServer implements AutoCloseable {
  private final Path tlsDir;
  private final UnaryOperator<ServerConfig> adjust;
  private DispatchServer server;
  private int tcpPort;

  private TestServer(Path tlsDir, UnaryOperator<ServerConfig> adjust) {
    this.tlsDir = tlsDir;
    this.adjust = adjust;
  }

  public static TestServer start() {
    return start(UnaryOperator.identity());
  }

  public static TestServer start(UnaryOperator<ServerConfig> adjust) {
    try {
      TestServer test = new TestServer(Files.createTempDirectory("webassist-console-tls"), adjust);
      test.server = DispatchServer.start(test.config(0));
      test.tcpPort = test.server.tcpPort();
      return test;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ServerConfig config(int port) {
    List<AgentConfig> agents = List.of(
        AgentConfig.of("alice", "Alice", List.of("premium", "general"), hash("alice-pw")).withMaxSessions(4),
        AgentConfig.of("bob", "Bob", List.of("general"), hash("bob-pw")),
        AgentConfig.of("carol", "Carol", List.of("general"), hash("carol-pw")));
    return adjust.apply(ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(port).withHttpPort(0)
        .withAgents(agents)
        .withRouting(new RoutingConfig(List.of(RoutingRule.prefix("premium", "vip-")), "general"))
        .withTls(TlsConfig.selfSigned(tlsDir)));
  }

  private static String hash(String password) {
    return PasswordHasher.hash(password.toCharArray(), PasswordHasher.MIN_ITERATIONS);
  }

  public int port() {
    return tcpPort;
  }

  public String address() {
    return "127.0.0.1:" + tcpPort;
  }

  public String fingerprint() {
    return server.fingerprint();
  }

  public TransportSecurity security() {
    return TransportSecurity.pinned(fingerprint());
  }

  public DispatchServer server() {
    return server;
  }

  /** Stops the server (as a crash or a restart would, for the clients). */
  public void stop() {
    server.close();
  }

  /** Starts it again on the same port with the same certificate. */
  public void restart() {
    try {
      server = DispatchServer.start(config(tcpPort));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
