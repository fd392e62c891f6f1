package io.webassist.script.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.webassist.script.TestLineServer;
import io.webassist.script.ToyDispatch;
import io.webassist.script.scenario.HostPort;
import io.webassist.script.transport.LineSecurity;
import io.webassist.script.scenario.Scenario;
import io.webassist.script.scenario.ScenarioParser;
import io.webassist.script.scenario.ScenarioSyntaxException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunnerTest {

  private static final String HELLO = """
      alice: connect
      alice: send {"type":"hello","role":"agent","protocol":1}
      alice: expect {"type":"welcome","protocol":1}
      """;

  private TestLineServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = TestLineServer.start(new ToyDispatch());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void passingScenarioReportsEveryStepWithItsTime() {
    Result result = run(HELLO);

    assertThat(result.passed()).as(result.report()).isTrue();
    assertThat(result.steps()).extracting(StepResult::outcome).containsOnly(Outcome.PASSED);
    assertThat(result.steps()).hasSize(3);
    assertThat(result.steps().get(2).startedAt()).isGreaterThanOrEqualTo(result.steps().get(1).startedAt());
    assertThat(result.steps().get(2).summary()).startsWith("got {\"type\":\"welcome\"");
  }

  @Test
  void failedExpectationStopsTheScenarioShowsTheDiffAndClosesConnections() {
    Result result = run(HELLO.replace("\"protocol\":1}\n", "\"protocol\":2}\n") + """
        alice: send {"type":"chat.message"}
        alice: expect {"type":"chat.message"}
        """);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.steps()).extracting(StepResult::outcome)
        .containsExactly(Outcome.PASSED, Outcome.PASSED, Outcome.FAILED, Outcome.SKIPPED, Outcome.SKIPPED);
    assertThat(result.report())
        .contains("test.scn:3: alice received a different frame")
        .contains("actor:    alice")
        .contains("expected: {\"type\":\"welcome\",\"protocol\":2}")
        .contains("received: {\"type\":\"welcome\",\"protocol\":1,\"connectionId\":\"c-1\"")
        .contains("protocol: expected 2, got 1");
    await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
    assertThat(server.received()).noneMatch(line -> line.contains("chat.message"));
  }

  @Test
  void expectationThatNothingAnswersTimesOut() {
    Result result = run("""
        alice: connect
        alice: expect {"type":"welcome"} within 200ms
        """);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.report()).contains("alice received nothing within 200 ms")
        .contains("received: nothing within 200 ms");
    assertThat(result.steps().get(1).took()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void expectTakesTheNextFrameAndFailsWhenAnotherComesFirst() {
    Result result = run(HELLO + """
        alice: send {"type":"support.request","name":"Ann"}
        alice: expect {"type":"support.assigned"}
        """);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.report()).contains("type: expected \"support.assigned\", got \"support.queued\"");
  }

  @Test
  void expectAnySkipsOtherFramesAndLeavesThemInTheInboxInOrder() {
    Result result = run(HELLO + """
        alice: send {"type":"support.request","name":"Ann"}
        alice: expect-any {"type":"support.assigned","agent":{"id":"alice"}}
        alice: expect {"type":"support.queued","position":1}
        alice: expect-silence 100ms
        """);

    assertThat(result.passed()).as(result.report()).isTrue();
    assertThat(result.steps().get(4).summary()).contains("1 other frame(s) left in the inbox");
  }

  @Test
  void expectAnyTimeoutListsWhatTheInboxHoldsWithDifferences() {
    Result result = run(HELLO + """
        alice: send {"type":"support.request","name":"Ann"}
        alice: expect-any {"type":"support.assigned","token":"other"} within 300ms
        """);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.report())
        .contains("no matching frame within 300 ms; alice's inbox holds 2 other frame(s)")
        .contains("token: expected \"other\", got \"tok-1\"")
        .contains("type: expected \"support.assigned\", got \"support.queued\"");
  }

  @Test
  void capturedValuesAreSubstitutedIntoLaterFrames() {
    Result result = run(HELLO + """
        alice: send {"type":"support.request","name":"Ann"}
        alice: expect-any {"type":"support.assigned"}
        alice: capture token = support.assigned.token
        alice: capture relayPort = relay.port
        alice: capture agent = agent
        alice: send {"type":"chat.message","token":"${token}","port":${relayPort},"agent":${agent}}
        alice: expect-any {"type":"chat.message","token":"tok-1","port":7401,"agent":{"displayName":"Alice"}}
        """);

    assertThat(result.passed()).as(result.report()).isTrue();
    assertThat(server.received()).contains(
        "{\"type\":\"chat.message\",\"token\":\"tok-1\",\"port\":7401,\"agent\":{\"id\":\"alice\",\"displayName\":\"Alice\"}}");
    assertThat(result.steps().get(6).summary()).isEqualTo("relayPort = 7401");
  }

  @Test
  void capturedTextIsEscapedInsideJsonStrings() {
    Result result = run(HELLO + """
        set quote = say "hi"
        alice: send {"type":"chat.message","text":"${quote}"}
        alice: expect {"type":"chat.message","text":"say \\"hi\\""}
        """);

    assertThat(result.passed()).as(result.report()).isTrue();
  }

  @Test
  void captureOfAMissingFieldFailsWithTheFrame() {
    Result result = run(HELLO + """
        alice: capture id = connectionId
        alice: capture nothing = user.ip
        """);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.report()).contains("the frame has no 'user.ip'").contains("\"connectionId\":\"c-1\"");
  }

  @Test
  void captureFromAFrameTypeNotYetMatchedFails() {
    Result result = run(HELLO + "alice: capture token = support.assigned.token\n");

    assertThat(result.report()).contains("alice has not matched a support.assigned frame yet");
  }

  @Test
  void expectClosedPassesWhenTheServerCloses() {
    Result result = run(HELLO + """
        alice: send {"type":"session.end"}
        alice: expect-closed within 2s
        """);

    assertThat(result.passed()).as(result.report()).isTrue();
  }

  @Test
  void expectClosedFailsWhenTheConnectionStaysOpen() {
    Result result = run(HELLO + "alice: expect-closed within 150ms\n");

    assertThat(result.report()).contains("alice's connection is still open after 150 ms");
  }

  @Test
  void expectWhileTheConnectionClosesSaysItClosed() {
    Result result = run(HELLO + """
        alice: send {"type":"session.end"}
        alice: expect {"type":"welcome"}
        """);

    assertThat(result.report()).contains("the connection closed (closed by the other side)");
  }

  @Test
  void expectSilenceFailsWhenAFrameArrives() {
    Result result = run("""
        alice: connect
        alice: send {"type":"hello","role":"user","protocol":1}
        alice: expect-silence 2s
        """);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.report()).contains("expected silence for 2000 ms but received a frame")
        .contains("received: {\"type\":\"welcome\"");
  }

  @Test
  void sendRawSendsBrokenLinesExactlyAsWritten() {
    Result result = run("""
        alice: connect
        alice: send-raw {"type":
        alice: expect {"type":"error","code":"bad_frame"}
        alice: send {"type":"ping"}
        alice: expect {"type":"error","code":"unknown_type"}
        """);

    assertThat(result.passed()).as(result.report()).isTrue();
    assertThat(server.received()).startsWith("{\"type\":");
  }

  @Test
  void listenAcceptAndDialConnectTwoActorsDirectly() {
    Result result = run("""
        user: listen peerPort
        agent: dial 127.0.0.1:${peerPort}
        user: accept within 2s
        agent: send {"type":"peer.hello","sessionId":"s-1","token":"tok-1"}
        user: expect {"type":"peer.hello","token":"tok-1"}
        user: send {"type":"peer.welcome","sessionId":"s-1"}
        agent: expect {"type":"peer.welcome","sessionId":"s-1"}
        agent: close
        user: expect-closed
        """);

    assertThat(result.passed()).as(result.report()).isTrue();
    assertThat(result.steps().get(0).summary()).startsWith("listening on 127.0.0.1:");
  }

  @Test
  void acceptFailsWhenNobodyDials() {
    Result result = run("""
        user: listen peerPort
        user: accept within 100ms
        """);

    assertThat(result.report()).contains("nobody connected to user's listener within 100 ms");
  }

  @Test
  void unreachableServerIsAnErrorNotAFailure() throws IOException {
    int freePort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = probe.getLocalPort();
    }
    Scenario scenario = new ScenarioParser().parse(Path.of("test.scn"), HELLO);
    Result result = new ScenarioRunner(RunOptions.of(new HostPort("127.0.0.1", freePort), LineSecurity.insecure()))
        .run(scenario);

    assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(result.report()).contains("server not reachable").contains("is the dispatch server running at 127.0.0.1:" + freePort);
  }

  @Test
  void defaultKeepsAVariableGivenFromOutsideAndSetReplacesIt() {
    String text = """
        default who = Ann
        set greeting = hello ${who}
        alice: connect
        alice: send {"type":"chat.message","text":"${greeting}"}
        alice: expect {"type":"chat.message","text":"hello Bob"}
        """;
    Scenario scenario = new ScenarioParser(Set.of("who")).parse(Path.of("test.scn"), text);
    RunOptions options = RunOptions.of(HostPort.parse(server.address()), LineSecurity.insecure())
        .withVariables(Map.of("who", "Bob"));

    Result result = new ScenarioRunner(options).run(scenario);

    assertThat(result.passed()).as(result.report()).isTrue();
  }

  @Test
  void serverVariablesComeFromTheServerAddress() {
    Result result = run("""
        alice: connect ${serverHost}:${serverPort}
        alice: send {"type":"chat.message","port":${serverPort}}
        alice: expect {"type":"chat.message","port":%d}
        """.formatted(server.port()));

    assertThat(result.passed()).as(result.report()).isTrue();
  }

  @Test
  void runsAFileFromItsPathAsATestWould(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("hello.scn");
    Files.writeString(file, HELLO);

    Result result = ScenarioRunner.run(file, server.address());

    assertThat(result.passed()).as(result.report()).isTrue();
    assertThat(result.name()).isEqualTo("hello");
  }

  @Test
  void runningABadFileThrowsWithEveryProblem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.scn");
    Files.writeString(file, "alice: connect\nalice: expct {}\nalice: send {\"type\":\"hello\"\n");

    assertThatThrownBy(() -> ScenarioRunner.run(file, server.address()))
        .isInstanceOf(ScenarioSyntaxException.class)
        .hasMessageContaining("bad.scn:2: unknown step 'expct'")
        .hasMessageContaining("bad.scn:3: send: malformed JSON");
    assertThat(server.received()).isEmpty();
  }

  private Result run(String text) {
    Scenario scenario = new ScenarioParser().parse(Path.of("test.scn"), text);
    RunOptions options = RunOptions.of(HostPort.parse(server.address()), LineSecurity.insecure())
        .withDefaultTimeout(Duration.ofSeconds(3));
    return new ScenarioRunner(options).run(scenario);
  }

  /** The peer-link part of the happy path, over TLS: listen's fingerprint travels in a variable, dial pins it. */
  private static final String PEER_LINK = """
      userpeer: listen peerPort
      alice: connect
      alice: send {"type":"hello","role":"agent","protocol":1}
      alice: expect {"type":"welcome"}
      alice: send {"type":"chat.message","text":"${peerPort_fingerprint}"}
      alice: expect {"type":"chat.message"}
      alicelink: dial 127.0.0.1:${peerPort} pin ${peerPort_fingerprint}
      userpeer: accept
      alicelink: send {"type":"peer.hello","sessionId":"s-1","token":"t-1"}
      userpeer: expect {"type":"peer.hello","sessionId":"s-1","token":"t-1"}
      """;

  @Test
  void inTlsModeListenPutsItsFingerprintInAVariableAndDialPinsIt() throws IOException {
    try (TestLineServer tls = TestLineServer.startTls(new ToyDispatch())) {
      Scenario scenario = new ScenarioParser().parse(Path.of("peer.scn"), PEER_LINK);

      Result result = new ScenarioRunner(RunOptions.of(HostPort.parse(tls.address()),
          LineSecurity.pinned(tls.fingerprint()))).run(scenario);

      assertThat(result.passed()).as(result.report()).isTrue();
      assertThat(tls.received().get(1)).matches(".*\"text\":\"([0-9A-F]{2}:){31}[0-9A-F]{2}\".*");
      assertThat(result.steps().get(6).summary()).contains("(TLS, pinned ");
    }
  }

  @Test
  void inTlsModeADialWithoutAPinFailsAndSaysWhatToAdd() throws IOException {
    try (TestLineServer tls = TestLineServer.startTls(new ToyDispatch())) {
      Scenario scenario = new ScenarioParser().parse(Path.of("peer.scn"),
          PEER_LINK.replace(" pin ${peerPort_fingerprint}", ""));

      Result result = new ScenarioRunner(RunOptions.of(HostPort.parse(tls.address()),
          LineSecurity.pinned(tls.fingerprint()))).run(scenario);

      assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(result.report()).contains("alicelink cannot connect: in TLS mode a dial needs the listener's "
          + "fingerprint ('dial HOST:PORT pin FP'), or run with --insecure");
    }
  }

  @Test
  void theSamePeerScenarioRunsInsecureWithAnEmptyFingerprint() {
    Result result = run(PEER_LINK);

    assertThat(result.passed()).as(result.report()).isTrue();
    assertThat(result.steps().get(0).summary()).contains("peerPort_fingerprint = \"\" (plain TCP)");
  }

  @Test
  void aWrongServerFingerprintIsAnErrorThatSaysTheServerIsNotTrusted() throws IOException {
    try (TestLineServer tls = TestLineServer.startTls(new ToyDispatch())) {
      Scenario scenario = new ScenarioParser().parse(Path.of("test.scn"), HELLO);

      Result result = new ScenarioRunner(RunOptions.of(HostPort.parse(tls.address()),
          LineSecurity.pinned(io.webassist.security.tls.TlsIdentity.selfSigned("x").fingerprint()))).run(scenario);

      assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(result.report()).contains("server not trusted: TLS handshake with " + tls.address() + " failed");
      assertThat(tls.received()).isEmpty();
    }
  }
}
