package io.webassist.app;

import io.webassist.link.TransportSecurity;
import picocli.CommandLine.Option;

/**
 * The command-line options of every program that connects to a dispatch server — where it is and
 * how to trust it — as one picocli mixin ({@code @Mixin DispatchServerOptions dispatch;}), so the
 * client and the console parse and check them the same way.
 */
public final class DispatchServerOptions {

  /** Where and how to connect, once the options are checked. */
  public record Target(String host, int port, TransportSecurity security) {}

  @Option(names = "--server", defaultValue = "127.0.0.1:7400", paramLabel = "HOST:PORT",
      description = "Dispatch server host:port (default ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--server-fingerprint", paramLabel = "FP",
      description = "SHA-256 fingerprint of the dispatch server's certificate (it prints it at start); "
          + "the connection and the relay are TLS and trust only that certificate. Required unless --insecure, "
          + "but for the console's window, which shows the server's fingerprint and asks whether to trust it.")
  String serverFingerprint;

  @Option(names = "--insecure", description = "Plain TCP, no encryption, no server check: development only.")
  boolean insecure;

  /** The address as given. */
  public String server() {
    return server;
  }

  /** The fingerprint as given, or null. */
  public String serverFingerprint() {
    return serverFingerprint;
  }

  /** Whether {@code --insecure} was given. */
  public boolean insecure() {
    return insecure;
  }

  /**
   * Checks the options for a command-line program: on a problem, says it on {@code err} as
   * "{@code program}: …" and returns null (the program exits 2); warns there when running insecure.
   */
  public Target targetOrExplain(String program, java.io.PrintStream err) {
    Target target;
    try {
      target = target();
    } catch (IllegalArgumentException e) {
      err.println(program + ": " + e.getMessage());
      return null;
    }
    if (!target.security().isTls()) {
      err.println(program + ": " + TransportSecurity.INSECURE_WARNING);
    }
    return target;
  }

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException with a message for the person who typed them
   */
  public Target target() {
    int colon = server.lastIndexOf(':');
    String host = colon > 0 ? server.substring(0, colon) : "";
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1); // [::1]:7400
    }
    int port;
    try {
      port = Integer.parseInt(server.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("--server must be host:port, not '" + server + "'");
    }
    return new Target(host, port, TransportSecurity.choose(serverFingerprint, insecure));
  }
}
