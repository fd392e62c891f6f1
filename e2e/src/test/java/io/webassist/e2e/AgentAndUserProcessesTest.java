package io.webassist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole support flow with every party in its own process, as they run in production: the
 * dispatch server from its runnable jar with a config file, the agent's console and the user's
 * assist client from ./webassist's jar. Walks claims 72–76, 78–84, 86–110 as a person would see them.
 */
class AgentAndUserProcessesTest {

  @TempDir
  Path dir;

  private ServerProcess server;
  private RunningProcess console;
  private RunningProcess client;
  private String site;

  @BeforeEach
  void startServer() {
    server = ServerProcess.start(dir);
    site = server.site();
  }

  @AfterEach
  void stopAll() {
    for (AutoCloseable p : new AutoCloseable[] {client, console, server}) {
      if (p != null) {
        try {
          p.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  @Test
  void theSitesPagesCarryTheHelpSoftware() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String page = http.send(HttpRequest.newBuilder(URI.create(site + "/shop/cart.html")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    String script = http.send(HttpRequest.newBuilder(URI.create(site + "/webassist-help.js")).build(),
        HttpResponse.BodyHandlers.ofString()).body();

    // claims 72, 80, 111: a web page that includes software providing user support services
    assertThat(page).contains("data-webassist-customer=\"acme-42\"", "<script src=\"/webassist-help.js\">", "Get help");
    assertThat(script).contains("location.href", "/assist.jnlp?");
  }

  @Test
  void userAsksAgentSeesWhoAndWhereLinksDirectlyChatsAndLeadsThePage() {
    console = Programs.console(server, "bob", "bob-demo", "Bob (demo)");
    String cart = site + "/shop/cart.html";
    client = Programs.client(server, "/shop/cart.html", "acme-42", "Ada Lovelace", "+44 20 7946 0000");

    // claims 72-76, 78-84, 95, 106: the request reaches the agent the customer id routes to, with
    // name, phone, the IP address the server saw and the page, shown at a glance
    String offer = console.awaitLineContaining("OFFER");
    assertThat(offer).contains("Ada Lovelace", "phone +44 20 7946 0000", "from 127.0.0.1",
        "customer acme-42 (general)", "page " + cart);

    console.type("accept");
    // claims 88, 89, 99, 100: the agent's side opens the page the user was on
    assertThat(console.awaitLineContaining("SESSION")).contains("opening " + cart);
    client.awaitLineContaining("Bob (demo) is helping you");
    // claims 91, 96, 102, 107: a TCP/IP link straight to the user's IP address
    console.awaitLineContaining("Linked to the user directly");
    client.awaitLineContaining("Connected to your agent (direct link)");

    // claims 90, 98, 101, 109: on-line chat both ways over the link
    console.type("Hello Ada, I can see your cart.");
    client.awaitLineContaining("Bob (demo): Hello Ada, I can see your cart.");
    client.type("The pay button does nothing.");
    console.awaitLineContaining("Ada Lovelace: The pay button does nothing.");

    // co-browsing starts only with the user's consent; then the agent leads (claims 92, 93, 103, 104)
    // and the agent sees what the user does (claims 94, 105)
    String premium = site + "/shop/premium.html";
    int beforeGo = console.output().size();
    console.type("/go " + premium);
    // only what the console printed after this /go counts (an earlier "not allowed" came with the link)
    console.awaitLineAfter(beforeGo, "the user has not allowed co-browsing; cannot navigate");
    client.type("/allow");
    console.awaitLineContaining("user allowed co-browsing");
    console.type("/go " + premium);
    client.awaitLineContaining("Page: " + premium);

    // a navigation the policy forbids is never followed
    console.type("/go file:///etc/passwd");
    console.awaitLineContaining("not opening file:///etc/passwd");
    assertThat(client.output()).noneMatch(line -> line.contains("Page: file:"));

    console.type("/end");
    client.awaitLineContaining("Session ended: resolved");
  }

  @Test
  void customerIdRoutesTheRequestToItsGroupsAgent() {
    console = Programs.console(server, "alice", "alice-demo", "Alice (demo)");
    client = Programs.client(server, "/shop/premium.html", "vip-7", "Grace", null);

    // claims 78, 79, 86, 87: the customer identifier picks the support party
    assertThat(console.awaitLineContaining("OFFER")).contains("Grace", "customer vip-7 (premium)");
  }
}
