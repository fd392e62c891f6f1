package io.webassist.e2e;

import java.util.ArrayList;
import java.util.List;

/** Starts the agent console and the user's assist client from ./webassist's jar, against a server. */
final class Programs {

  private Programs() {}

  /** An agent console, logged in (its "Logged in as" line has been printed). */
  static RunningProcess console(ServerProcess server, String agentId, String password, String displayName) {
    List<String> args = new ArrayList<>(List.of("console", "--text", "--server", server.tcp(), "--agent", agentId,
        "--password-stdin"));
    args.addAll(server.clientSecurity());
    RunningProcess console = RunningProcess.startJar("console-" + agentId, ServerProcess.jar("cli/target/webassist.jar"),
        args.toArray(String[]::new));
    console.type(password);
    console.awaitLineContaining("Logged in as " + displayName);
    return console;
  }

  /** A user asking for help from {@code pagePath} of the demo site as customer {@code customerId}. */
  static RunningProcess client(ServerProcess server, String pagePath, String customerId, String name, String phone) {
    return client(server, server.tcp(), pagePath, customerId, name, phone);
  }

  /** The same, reaching the dispatch server at {@code dispatchAddress} (a proxy in front of it, say). */
  static RunningProcess client(ServerProcess server, String dispatchAddress, String pagePath, String customerId,
      String name, String phone) {
    List<String> args = new ArrayList<>(List.of("client", "--text", "--server", dispatchAddress, "--page-url", server.site() + pagePath,
        "--customer", customerId, "--name", name, "--peer-bind", "127.0.0.1"));
    if (phone != null) {
      args.addAll(List.of("--phone", phone));
    }
    args.addAll(server.clientSecurity());
    return RunningProcess.startJar("client-" + customerId, ServerProcess.jar("cli/target/webassist.jar"),
        args.toArray(String[]::new));
  }
}
