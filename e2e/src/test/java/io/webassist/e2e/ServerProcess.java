package io.webassist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.config.PasswordHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dispatch server as an operator runs it: its runnable jar with a config file, in its own JVM.
 * Three agents: bob and carol serve "general", alice serves "premium" (customer ids starting vip-).
 * TLS is on, as in production: its identity is kept in the test's folder, so a restart keeps it.
 */
final class ServerProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("dispatch listening tcp=(\\d+) http=(\\d+)");
  private static final Pattern FINGERPRINT = Pattern.compile("dispatch tls fingerprint=([0-9A-F:]+)");

  private final Path config;
  private final Path tlsDir;
  private String fingerprint;
  private final int requestedPort;
  private RunningProcess process;
  private int tcpPort;
  private int httpPort;

  private ServerProcess(Path config, Path tlsDir, int requestedPort) {
    this.config = config;
    this.tlsDir = tlsDir;
    this.requestedPort = requestedPort;
  }

  /** Starts a server on free ports. */
  static ServerProcess start(Path dir) {
    return start(dir, 0);
  }

  /** Starts a server on {@code tcpPort} (0: any free port), so a restart can come back on the same port. */
  static ServerProcess start(Path dir, int tcpPort) {
    ServerProcess server = new ServerProcess(writeConfig(dir), dir.resolve("tls"), tcpPort);
    server.launch();
    return server;
  }

  /** A TCP port that was free a moment ago, for a server that must come back on the same port. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String tcp() {
    return "127.0.0.1:" + tcpPort;
  }

  int tcpPort() {
    return tcpPort;
  }

  String site() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Kills the server the hard way, as a crash or a power cut would. */
  void kill() {
    process.kill();
  }

  /** Starts the server again with the same configuration and TCP port. */
  void restart() {
    launch();
  }

  /** Extra arguments every client of this server needs: TLS pinned to the server's certificate. */
  List<String> clientSecurity() {
    return List.of("--server-fingerprint", fingerprint);
  }

  private void launch() {
    List<String> args = new ArrayList<>(List.of("--config", config.toString(),
        "--port", Integer.toString(requestedPort), "--http-port", "0", "--tls-dir", tlsDir.toString()));
    process = RunningProcess.startJar("dispatch-server", jar("dispatch-server/target/dispatch-server.jar"),
        args.toArray(String[]::new));
    Matcher ports = LISTENING.matcher(process.awaitLine("its ports", line -> LISTENING.matcher(line).find()));
    assertThat(ports.find()).isTrue();
    tcpPort = Integer.parseInt(ports.group(1));
    httpPort = Integer.parseInt(ports.group(2));
    Matcher tls = FINGERPRINT.matcher(process.awaitLine("its TLS fingerprint", line -> FINGERPRINT.matcher(line).find()));
    assertThat(tls.find()).isTrue();
    fingerprint = tls.group(1);
  }

  static Path jar(String relative) {
    Path jar = DemoServer.root().resolve(relative);
    assertThat(jar).as("built by 'mvn package' before this module's tests").exists();
    return jar;
  }

  private static Path writeConfig(Path dir) {
    String json = """
        {
          "bind": "127.0.0.1",
          "offerTimeoutMs": 20000,
          "sessionReclaimMs": 3000,
          "agents": [
            {"id": "bob", "displayName": "Bob (demo)", "groups": ["general"], "passwordHash": "%s"},
            {"id": "carol", "displayName": "Carol (demo)", "groups": ["general"], "passwordHash": "%s"},
            {"id": "alice", "displayName": "Alice (demo)", "groups": ["premium"], "passwordHash": "%s"}
          ],
          "routing": {"rules": [{"match": "prefix", "value": "vip-", "group": "premium"}], "defaultGroup": "general"}
        }
        """.formatted(hash("bob-demo"), hash("carol-demo"), hash("alice-demo"));
    try {
      Path config = dir.resolve("webassist.json");
      Files.writeString(config, json);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hash(String password) {
    return PasswordHasher.hash(password.toCharArray(), 1000);
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
