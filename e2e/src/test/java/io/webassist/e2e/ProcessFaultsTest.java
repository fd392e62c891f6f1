package io.webassist.e2e;

import io.webassist.link.testing.CuttableProxy;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults survived with nothing lost (issue 6): agents, users and the dispatch server are killed
 * mid-flow, each in its own process, and nobody's request is lost.
 */
class ProcessFaultsTest {

  @TempDir
  Path dir;

  private final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }

  private <T extends AutoCloseable> T keep(T process) {
    running.add(process);
    return process;
  }

  @Test
  void agentKilledDuringAnOfferLosesNothingTheNextAgentServesTheUser() {
    ServerProcess server = keep(ServerProcess.start(dir));
    RunningProcess bob = keep(Programs.console(server, "bob", "bob-demo", "Bob (demo)"));
    RunningProcess user = keep(Programs.client(server, "/shop/cart.html", "acme-42", "Ada", "+44 20 7946 0000"));
    bob.awaitLineContaining("OFFER");

    bob.kill();
    RunningProcess carol = keep(Programs.console(server, "carol", "carol-demo", "Carol (demo)"));

    assertThat(carol.awaitLineContaining("OFFER")).contains("Ada", "customer acme-42");
    carol.type("accept");
    user.awaitLineContaining("Carol (demo) is helping you");
    user.awaitLineContaining("Connected to your agent");
  }

  @Test
  void agentKilledDuringASessionPutsTheUserBackAtTheFrontAndAnotherAgentTakesOver() {
    ServerProcess server = keep(ServerProcess.start(dir));
    RunningProcess bob = keep(Programs.console(server, "bob", "bob-demo", "Bob (demo)"));
    RunningProcess user = keep(Programs.client(server, "/shop/cart.html", "acme-42", "Ada", "+44 20 7946 0000"));
    bob.awaitLineContaining("OFFER");
    bob.type("accept");
    user.awaitLineContaining("Connected to your agent (direct link)");

    bob.kill();

    // the user is told, and is first in the queue again
    user.awaitLineContaining("Session ended: agent_left");
    user.awaitLineContaining("You are number 1 in the queue (your agent left");
    RunningProcess carol = keep(Programs.console(server, "carol", "carol-demo", "Carol (demo)"));
    carol.awaitLineContaining("OFFER");
    carol.type("accept");
    user.awaitLineContaining("Carol (demo) is helping you");
    user.awaitLineContaining("Connected to your agent");
    carol.awaitLineContaining("Linked to the user");
    carol.type("Carol here, I'll take it from where Bob left off.");
    user.awaitLineContaining("Carol (demo): Carol here, I'll take it from where Bob left off.");
  }

  @Test
  void userKilledEndsTheSessionForTheAgentWhoIsFreeForTheNextUser() {
    ServerProcess server = keep(ServerProcess.start(dir));
    RunningProcess bob = keep(Programs.console(server, "bob", "bob-demo", "Bob (demo)"));
    RunningProcess ada = keep(Programs.client(server, "/shop/cart.html", "acme-42", "Ada", null));
    bob.awaitLineContaining("OFFER");
    bob.type("accept");
    bob.awaitLineContaining("Linked to the user");

    ada.kill();

    bob.awaitLineContaining("ended (user_left)");
    keep(Programs.client(server, "/shop/cart.html", "acme-43", "Grace", null));
    bob.awaitLinesContaining("OFFER", 2);
  }

  @Test
  void userWhoseDispatchConnectionDropsMidSessionReclaimsItAndTheSessionGoesOn() {
    ServerProcess server = keep(ServerProcess.start(dir));
    CuttableProxy network = keep(new CuttableProxy(server.tcpPort()));
    RunningProcess bob = keep(Programs.console(server, "bob", "bob-demo", "Bob (demo)"));
    RunningProcess ada = keep(Programs.client(server, "127.0.0.1:" + network.port(), "/shop/cart.html", "acme-42",
        "Ada", null));
    bob.awaitLineContaining("OFFER");
    bob.type("accept");
    ada.awaitLineContaining("Connected to your agent (direct link)");

    // only the user's connection to the dispatch server drops; the server keeps her session for the grace
    network.dropConnections();

    ada.awaitLineContaining("your session goes on");
    bob.type("Still there, Ada?");
    ada.awaitLineContaining("Bob (demo): Still there, Ada?");
    assertThat(bob.output()).noneMatch(line -> line.contains("user_left"));
    assertThat(bob.output().stream().filter(line -> line.startsWith("OFFER")).toList()).hasSize(1);
  }

  @Test
  void dispatchServerRestartConsoleAndWaitingUserReconnectByThemselves() {
    ServerProcess server = keep(ServerProcess.start(dir, ServerProcess.freePort()));
    RunningProcess bob = keep(Programs.console(server, "bob", "bob-demo", "Bob (demo)"));
    // a premium customer waits: no premium agent is logged in yet
    RunningProcess grace = keep(Programs.client(server, "/shop/premium.html", "vip-7", "Grace", null));
    grace.awaitLineContaining("You are number 1 in the queue");

    server.kill();
    bob.awaitLineContaining("Lost the dispatch server; reconnecting");
    grace.awaitLineContaining("Lost the connection to the help desk; reconnecting");
    server.restart();

    bob.awaitLinesContaining("Logged in as Bob (demo)", 2);
    grace.awaitLineContaining("Reconnected; your request is back in the queue");
    // the request really is back: the premium agent who logs in now is offered it
    RunningProcess alice = keep(Programs.console(server, "alice", "alice-demo", "Alice (demo)"));
    assertThat(alice.awaitLineContaining("OFFER")).contains("Grace", "customer vip-7");
  }
}
