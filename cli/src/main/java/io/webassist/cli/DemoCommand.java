package io.webassist.cli;

import io.webassist.dispatch.DispatchServer;
import java.io.IOException;
import java.io.PrintWriter;
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

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    DispatchServer server;
    try {
      server = DispatchServer.start(DemoSetup.config("127.0.0.1", port, httpPort));
    } catch (IOException e) {
      throw new UserError(e.getMessage() + " — is a demo already running? Try --port 0 --http-port 0", 1);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "demo-shutdown"));
    printWelcome(spec.commandLine().getOut(), server.tcpPort(), server.httpPort());
    server.awaitClosed();
    return 0;
  }

  static void printWelcome(PrintWriter out, int tcp, int http) {
    String site = "http://127.0.0.1:" + http;
    String server = "127.0.0.1:" + tcp;
    out.println("WebAssist demo is running. Stop it with Ctrl+C.");
    out.println();
    out.println("  Demo site:        " + site + "/");
    out.println("  Health, metrics:  " + site + "/healthz   " + site + "/metrics");
    out.println("  Dispatch (TCP):   " + server);
    out.println();
    out.println("Demo agents (customer ids starting with vip- go to premium, all others to general):");
    for (DemoSetup.DemoAgent agent : DemoSetup.AGENTS) {
      out.printf("  %-6s password %-11s groups %s%n", agent.id(), agent.password(), String.join(", ", agent.groups()));
    }
    out.println();
    out.println("Start an agent console (another terminal):");
    out.println("  ./webassist console --server " + server + " --insecure --agent bob");
    out.println("Ask for help as a user (a third terminal):");
    out.println("  ./webassist client --server " + server + " --insecure --page-url " + site
        + "/shop/cart.html --customer acme-42 --name Ada --phone '+44 20 7946 0000'");
    out.println("Replay the whole flow as a script:");
    out.println("  ./webassist script --server " + server + " --insecure docs/scenarios/happy-path.scn");
    out.println("Or by hand with nc: docs/PROTOCOL.md, \"Example session\".");
    out.flush();
  }
}
