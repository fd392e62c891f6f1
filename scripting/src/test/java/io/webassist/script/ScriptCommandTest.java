package io.webassist.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.security.tls.TlsIdentity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/** The command line, against a TLS server pinned with --server-fingerprint (the default way), and --insecure. */
class ScriptCommandTest {

  private static final String PASSING = """
      # greets the server
      alice: connect
      alice: send {"type":"hello","role":"agent","protocol":1}
      alice: expect {"type":"welcome"}
      """;

  private static final String FAILING = """
      alice: connect
      alice: send {"type":"hello","role":"agent","protocol":1}
      alice: expect {"type":"welcome","protocol":2}
      alice: send {"type":"ping"}
      alice: expect {"type":"pong"}
      """;

  @TempDir
  Path dir;

  private TestLineServer server;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void startServer() throws IOException {
    server = TestLineServer.startTls(new ToyDispatch());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void allScenariosPassingExitsZeroAndPrintsEachStepWithItsTime() throws IOException {
    int code = execute("--server", server.address(), write("greet.scn", PASSING));

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("greet (" + dir.resolve("greet.scn") + ", 3 steps)")
        .containsPattern("\\d+\\.\\d{3}s +\\d+ ms  ok    line 4    alice: expect \\{\"type\":\"welcome\"}")
        .contains("-> got {\"type\":\"welcome\"")
        .contains("PASSED greet")
        .contains("1 scenario(s): 1 passed, 0 failed, 0 could not run");
  }

  @Test
  void failingScenarioExitsOneWithTheDiffAndAJUnitReportCiCanRead() throws Exception {
    Path junit = dir.resolve("reports/script.xml");

    int code = execute("--server", server.address(), "--junit", junit.toString(),
        write("greet.scn", PASSING), write("strict.scn", FAILING));

    assertThat(code).isEqualTo(ScriptCommand.FAILED);
    assertThat(out.toString())
        .contains("FAIL  line 3    alice: expect {\"type\":\"welcome\",\"protocol\":2}")
        .contains(dir.resolve("strict.scn") + ":3: alice received a different frame")
        .contains("protocol: expected 2, got 1")
        .contains("FAILED strict: 5 steps, 2 skipped");
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    Element root = xml.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("tests")).isEqualTo("8");
    assertThat(root.getAttribute("failures")).isEqualTo("1");
    assertThat(root.getAttribute("skipped")).isEqualTo("2");
    NodeList suites = root.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(2);
    Element strict = (Element) suites.item(1);
    assertThat(strict.getAttribute("name")).isEqualTo("strict");
    assertThat(strict.getAttribute("tests")).isEqualTo("5");
    Element failure = (Element) strict.getElementsByTagName("failure").item(0);
    assertThat(((Element) failure.getParentNode()).getAttribute("name"))
        .isEqualTo("line 3: alice: expect {\"type\":\"welcome\",\"protocol\":2}");
    assertThat(failure.getAttribute("message")).isEqualTo("alice received a different frame");
    assertThat(failure.getTextContent()).contains("protocol: expected 2, got 1");
  }

  @Test
  void badScenarioFileExitsTwoNamingFileAndLineAndConnectsNothing() throws Exception {
    Path junit = dir.resolve("script.xml");
    String bad = write("bad.scn", "alice: connect\nalice: expct {\"type\":\"welcome\"}\n");

    int code = execute("--server", server.address(), "--junit", junit.toString(), write("greet.scn", PASSING), bad);

    assertThat(code).isEqualTo(ScriptCommand.UNUSABLE);
    assertThat(err.toString())
        .contains(bad + ":2: unknown step 'expct' (did you mean 'expect'? expected one of: connect,")
        .contains("1 scenario file(s) cannot be used; nothing was run");
    assertThat(server.received()).isEmpty();
    Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile()).getDocumentElement();
    assertThat(root.getAttribute("errors")).isEqualTo("1");
  }

  @Test
  void checkOnlyParsesTheFilesAndConnectsNothing() throws IOException {
    int good = execute("--check", "--server", server.address(), write("greet.scn", PASSING));
    int bad = execute("--check", write("bad.scn", "alice: send {\"type\":\"ping\"}\n"));

    assertThat(good).isZero();
    assertThat(out.toString()).contains("1 scenario file(s) OK");
    assertThat(bad).isEqualTo(ScriptCommand.UNUSABLE);
    assertThat(err.toString()).contains("bad.scn:1: actor 'alice' is not connected here");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void unreachableServerExitsTwo() throws IOException {
    int freePort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = probe.getLocalPort();
    }

    int code = execute("--server", "127.0.0.1:" + freePort, write("greet.scn", PASSING));

    assertThat(code).isEqualTo(ScriptCommand.UNUSABLE);
    assertThat(out.toString()).contains("server not reachable").contains("1 could not run");
  }

  @Test
  void varOptionSetsAVariableThatWinsOverTheFilesDefault() throws IOException {
    String file = write("chat.scn", """
        default text = from the file
        alice: connect
        alice: send {"type":"chat.message","text":"${text}"}
        alice: expect {"type":"chat.message","text":"from the command line"}
        """);

    int code = execute("--server", server.address(), "--var", "text=from the command line", file);

    assertThat(code).as(out.toString()).isZero();
  }

  @Test
  void timeoutOptionIsTheDefaultTimeLimit() throws IOException {
    String file = write("silent.scn", "alice: connect\nalice: expect {\"type\":\"welcome\"}\n");

    int code = execute("--server", server.address(), "--timeout-ms", "150", file);

    assertThat(code).isEqualTo(ScriptCommand.FAILED);
    assertThat(out.toString()).contains("received: nothing within 150 ms");
  }

  @Test
  void noFilesOrABadServerAddressExitTwo() {
    assertThat(execute("--server", server.address())).isEqualTo(ScriptCommand.UNUSABLE);
    assertThat(err.toString()).contains("no scenario files given");
    assertThat(execute("--server", "nonsense", "x.scn")).isEqualTo(ScriptCommand.UNUSABLE);
    assertThat(err.toString()).contains("--server: expected host:port, got 'nonsense'");
  }

  @Test
  void interactiveModeReadsCommandsFromStandardInput() {
    String typed = "alice: {\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}\nquit\n";
    ScriptCommand command = new ScriptCommand()
        .withInput(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
    CommandLine line = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));

    int code = line.execute("--interactive", "--server", server.address(), "--server-fingerprint", server.fingerprint());

    assertThat(code).isZero();
    await().untilAsserted(() ->
        assertThat(out.toString()).contains("alice connected to " + server.address()).contains("bye"));
    // the console is gone once "quit" is read; the test server may still be reading the line
    await().untilAsserted(() ->
        assertThat(server.received()).containsExactly("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1}"));
  }

  @Test
  void withoutAFingerprintOrInsecureNothingRunsAndTheReasonIsGiven() throws IOException {
    int code = executeAsGiven("--server", server.address(), write("greet.scn", PASSING));

    assertThat(code).isEqualTo(ScriptCommand.UNUSABLE);
    assertThat(err.toString()).contains("--server-fingerprint FP is required").contains("--insecure");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void aServerWithAnotherCertificateIsNotTrustedAndNothingIsSent() throws IOException {
    String someoneElse = TlsIdentity.selfSigned("localhost").fingerprint();

    int code = executeAsGiven("--server", server.address(), "--server-fingerprint", someoneElse,
        write("greet.scn", PASSING));

    assertThat(code).isEqualTo(ScriptCommand.UNUSABLE);
    assertThat(out.toString()).contains("server not trusted: TLS handshake with " + server.address() + " failed")
        .contains("is --server-fingerprint what the server printed at start?");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void insecureRunsOverPlainTcpAndWarnsEveryTime() throws IOException {
    try (TestLineServer plain = TestLineServer.start(new ToyDispatch())) {
      int code = executeAsGiven("--server", plain.address(), "--insecure", write("greet.scn", PASSING));

      assertThat(code).as(out.toString()).isZero();
      assertThat(err.toString()).contains("WARNING: --insecure: plain TCP");
      assertThat(plain.received()).hasSize(1);
    }
  }

  @Test
  void aFingerprintAndInsecureTogetherAreRefused() throws IOException {
    assertThat(executeAsGiven("--server", server.address(), "--insecure", "--server-fingerprint",
        server.fingerprint(), write("greet.scn", PASSING))).isEqualTo(ScriptCommand.UNUSABLE);
    assertThat(err.toString()).contains("either --server-fingerprint or --insecure");
  }

  /** Runs the command pinned to the test server, as a tester would with the fingerprint the server printed. */
  private int execute(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--check")) {
      all.addAll(0, List.of("--server-fingerprint", server.fingerprint()));
    }
    return executeAsGiven(all.toArray(new String[0]));
  }

  private int executeAsGiven(String... args) {
    CommandLine line = ScriptCommand.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true));
    return line.execute(args);
  }

  private String write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file.toString();
  }
}
