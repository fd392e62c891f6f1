package io.webassist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.config.PasswordHasher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private static final Pattern LISTENING = Pattern.compile("dispatch listening tcp=(\\d+) http=(\\d+)");

  @TempDir
  Path dir;

  private RunningProcess server;
  private RunningProcess console;
  private RunningProcess client;
  private String tcp;
  private String site;

  @BeforeEach
  void startServer() throws IOException {
    Path config = dir.resolve("webassist.json");
    Files.writeString(config, """
        {
          "bind": "127.0.0.1",
          "agents": [
            {"id": "bob", "displayName": "Bob (demo)", "groups": ["general"], "passwordHash": "%s"},
            {"id": "alice", "displayName": "Alice (demo)", "groups": ["premium"], "passwordHash": "%s"}
          ],
          "routing": {"rules": [{"match": "prefix", "value": "vip-", "group": "premium"}], "defaultGroup": "general"}
        }
        """.formatted(PasswordHasher.hash("bob-demo".toCharArray(), 1000),
            PasswordHasher.hash("alice-demo".toCharArray(), 1000)));
    server = RunningProcess.startJar("dispatch-server", jar("dispatch-server/target/dispatch-server.jar"),
        "--config", config.toString(), "--port", "0", "--http-port", "0");
    Matcher ports = LISTENING.matcher(server.awaitLine("its ports", line -> LISTENING.matcher(line).find()));
    assertThat(ports.find()).isTrue();
    tcp = "127.0.0.1:" + ports.group(1);
    site = "http://127.0.0.1:" + ports.group(2);
  }

  @AfterEach
  void stopAll() {
    for (RunningProcess p : new RunningProcess[] {client, console, server}) {
      if (p != null) {
        p.close();
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
    console = RunningProcess.startJar("console", jar("cli/target/webassist.jar"),
        "console", "--server", tcp, "--insecure", "--agent", "bob", "--password-stdin");
    console.type("bob-demo");
    console.awaitLineContaining("Logged in as Bob (demo)");

    String cart = site + "/shop/cart.html";
    client = RunningProcess.startJar("client", jar("cli/target/webassist.jar"),
        "client", "--server", tcp, "--insecure", "--page-url", cart, "--customer", "acme-42",
        "--name", "Ada Lovelace", "--phone", "+44 20 7946 0000", "--peer-bind", "127.0.0.1");

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
    console.type("/go " + premium);
    console.awaitLineContaining("co-browsing not allowed");
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
    console = RunningProcess.startJar("console", jar("cli/target/webassist.jar"),
        "console", "--server", tcp, "--insecure", "--agent", "alice", "--password-stdin");
    console.type("alice-demo");
    console.awaitLineContaining("Logged in as Alice (demo)");

    client = RunningProcess.startJar("client", jar("cli/target/webassist.jar"),
        "client", "--server", tcp, "--insecure", "--page-url", site + "/shop/premium.html", "--customer", "vip-7",
        "--name", "Grace", "--peer-bind", "127.0.0.1");

    // claims 78, 79, 86, 87: the customer identifier picks the support party
    assertThat(console.awaitLineContaining("OFFER")).contains("Grace", "customer vip-7 (premium)");
  }

  private static Path jar(String relative) {
    Path jar = DemoServer.root().resolve(relative);
    assertThat(jar).as("built by 'mvn package' before this module's tests").exists();
    return jar;
  }
}
