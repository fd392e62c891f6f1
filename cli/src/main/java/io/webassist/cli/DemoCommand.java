package io.webassist.cli;

import io.webassist.dispatch.DispatchServer;
import java.io.IOException;
import io.webassist.dispatch.config.TlsConfig;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./webassist demo}: a dispatch server on loopback with the demo site and demo agents. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run a dispatch server on this machine with a demo site and demo agents, and print how to try it.")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "7400", description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(names = "--http-port", defaultValue = "7480", description = "HTTP port (default ${DEFAULT-VALUE}; 0 = any free port).")
  int httpPort;

  @Option(names = "--insecure", description = "Plain TCP instead of TLS, e.g. to try the protocol with nc.")
  boolean insecure;

  @Option(names = "--tls-dir", defaultValue = "webassist-data/tls",
      description = "Where the demo keeps its TLS certificate and key (default ${DEFAULT-VALUE}).")
  Path tlsDir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    DispatchServer server;
    try {
      server = DispatchServer.start(DemoSetup.config("127.0.0.1", port, httpPort)
          .withTls(insecure ? TlsConfig.disabled() : TlsConfig.selfSigned(tlsDir)));
    } catch (IOException e) {
      throw new UserError(e.getMessage() + " — is a demo already running? Try --port 0 --http-port 0", 1);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "demo-shutdown"));
    printWelcome(spec.commandLine().getOut(), server.tcpPort(), server.httpPort(), server.fingerprint());
    server.awaitClosed();
    return 0;
  }

  static void printWelcome(PrintWriter out, int tcp, int http, String fingerprint) {
    Path home = checkout();
    String webassist = home == null ? "./webassist" : home.resolve("webassist").toString();
    String scenario = home == null ? "docs/scenarios/happy-path.scn"
        : home.resolve("docs/scenarios/happy-path.scn").toString();
    String site = "http://127.0.0.1:" + http;
    String server = "127.0.0.1:" + tcp;
    String security = fingerprint == null ? "--insecure" : "--server-fingerprint " + fingerprint;
    out.println("WebAssist demo is running. Stop it with Ctrl+C.");
    out.println();
    out.println("  Demo site:        " + site + "/");
    out.println("  Health, metrics:  " + site + "/healthz   " + site + "/metrics");
    out.println("  Dispatch (TCP):   " + server + (fingerprint == null ? "   (plain TCP, --insecure)" : "   (TLS)"));
    if (fingerprint != null) {
      out.println("  TLS fingerprint:  " + fingerprint);
    }
    out.println();
    out.println("Demo agents (customer ids starting with vip- go to premium, all others to general):");
    for (DemoSetup.DemoAgent agent : DemoSetup.AGENTS) {
      out.printf("  %-6s password %-11s groups %s%n", agent.id(), agent.password(), String.join(", ", agent.groups()));
    }
    out.println();
    out.println("Start the agent console (another terminal; a window when a display exists, log in as bob / bob-demo):");
    out.println("  " + webassist + " console --server " + server + " " + security + " --agent bob");
    out.println("  (add --text for the text console in a terminal)");
    out.println("Ask for help as a user (a third terminal):");
    out.println("  " + webassist + " client --server " + server + " " + security + " --page-url " + site
        + "/shop/cart.html --customer acme-42 --name Ada --phone '+44 20 7946 0000'");
    out.println("Replay the whole flow as a script (it logs in as alice and bob itself: close their consoles first):");
    out.println("  " + webassist + " script --server " + server + " " + security + " " + scenario);
    if (fingerprint == null) {
      out.println("Or by hand: nc " + "127.0.0.1 " + tcp + " (docs/PROTOCOL.md, \"Example session\").");
    } else {
      out.println("Or by hand: openssl s_client -quiet -connect " + server
          + " (docs/PROTOCOL.md, \"Example session\"; ./webassist demo --insecure for plain nc).");
    }
    out.flush();
  }

  /**
   * The source checkout this jar was built in ({@code <checkout>/cli/target/webassist.jar}), so the
   * printed commands work from any folder; null when the jar runs from elsewhere.
   */
  private static Path checkout() {
    try {
      Path root = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath().resolve("../../..").normalize();
      return Files.isExecutable(root.resolve("webassist")) ? root : null;
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return null;
    }
  }
}
