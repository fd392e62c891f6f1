package io.webassist.e2e;

import io.webassist.cli.DemoSetup;
import io.webassist.dispatch.DispatchServer;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import io.webassist.link.TransportSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A real dispatch server with the demo's agents and routing, on free loopback ports. */
final class DemoServer implements AutoCloseable {

  final DispatchServer server;

  private DemoServer(DispatchServer server) {
    this.server = server;
  }

  static DemoServer start() {
    return start(UnaryOperator.identity());
  }

  static DemoServer start(UnaryOperator<ServerConfig> adjust) {
    try {
      Path tlsDir = Files.createTempDirectory("webassist-e2e-tls");
      ServerConfig config = DemoSetup.config("127.0.0.1", 0, 0).withTls(TlsConfig.selfSigned(tlsDir));
      return new DemoServer(DispatchServer.start(adjust.apply(config)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How clients of this server connect: TLS pinned to its certificate. */
  TransportSecurity security() {
    return TransportSecurity.pinned(server.fingerprint());
  }

  String fingerprint() {
    return server.fingerprint();
  }

  String address() {
    return "127.0.0.1:" + server.tcpPort();
  }

  int tcpPort() {
    return server.tcpPort();
  }

  Object metric(String name) {
    return server.metrics().get(name);
  }

  static Path root() {
    return Path.of(System.getProperty("webassist.root", "..")).toAbsolutePath().normalize();
  }

  @Override
  public void close() {
    server.close();
  }
}
