package io.webassist.script.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioParserTest {

  private static final Path FILE = Path.of("happy.scn");

  @Test
  void parsesEveryStepKindIntoItsStep() {
    Scenario scenario = parse("""
        # a comment, then a blank line

        set who = Ann
        default password = alice-demo
        alice: connect
        bob: connect 10.0.0.5:7400
        alice: send {"type":"hello","role":"agent","protocol":1}
        alice: send-raw {"type":
        alice: expect {"type":"welcome"}
        alice: expect-any {"type":"support.offer"} within 2s
        alice: expect-silence 500ms
        alice: capture id = connectionId
        alice: capture token = support.assigned.token
        user: listen peerPort
        agent: dial 127.0.0.1:${peerPort}
        user: accept within 3000
        alice: clear
        alice: close
        alice: expect-closed within 1s
        """);

    List<Step> steps = scenario.steps();
    assertThat(steps).extracting(s -> s.getClass().getSimpleName()).containsExactly(
        "SetVariable", "SetVariable", "Connect", "Connect", "Send", "Send", "Expect", "Expect", "ExpectSilence",
        "Capture", "Capture", "Listen", "Connect", "Accept", "Clear", "Close", "ExpectClosed");
    assertThat(scenario.name()).isEqualTo("happy");
    assertThat(((Step.SetVariable) steps.get(1)).onlyIfUnset()).isTrue();
    assertThat(((Step.Connect) steps.get(2)).address()).isNull();
    assertThat(((Step.Connect) steps.get(3)).address().text()).isEqualTo("10.0.0.5:7400");
    assertThat(((Step.Send) steps.get(5)).raw()).isTrue();
    assertThat(((Step.Send) steps.get(5)).line().text()).isEqualTo("{\"type\":");
    Step.Expect any = (Step.Expect) steps.get(7);
    assertThat(any.pick()).isEqualTo(Step.Pick.ANY);
    assertThat(any.timeout().text()).isEqualTo("2s");
    assertThat(((Step.Expect) steps.get(6)).timeout()).isNull();
    Step.Capture fromType = (Step.Capture) steps.get(10);
    assertThat(fromType.frameType()).isEqualTo("support.assigned");
    assertThat(fromType.path()).isEqualTo("token");
    assertThat(((Step.Capture) steps.get(9)).frameType()).isNull();
    assertThat(((Step.Listen) steps.get(11)).variable()).isEqualTo("peerPort");
    assertThat(steps.get(12).source().line()).isEqualTo(15);
    assertThat(steps.get(12).source().location()).isEqualTo("happy.scn:15");
  }

  @Test
  void captureOfAFieldThatLooksLikeAFrameTypeKeepsTheWholePath() {
    Step.Capture capture = (Step.Capture) parse("""
        a: connect
        a: capture port = relay.port
        """).steps().get(1);

    assertThat(capture.frameType()).isNull();
    assertThat(capture.path()).isEqualTo("relay.port");
  }

  @Test
  void unknownStepNamesFileLineAndTheStepsThereAre() {
    assertProblem("alice: connect\nalice: expct {\"type\":\"welcome\"}\n",
        "happy.scn:2: unknown step 'expct' (did you mean 'expect'? expected one of: connect, dial, send, send-raw,"
            + " expect, expect-any, expect-silence, expect-closed, capture, listen, accept, close, clear)");
  }

  @Test
  void lineThatIsNoStepSaysWhatWasExpected() {
    assertProblem("hello world\n", "happy.scn:1: expected 'actor: step', 'set name = value', 'default name = value'"
        + " or 'include file', got 'hello world'");
  }

  @Test
  void malformedJsonInSendPointsToSendRaw() {
    assertProblem("a: connect\na: send {\"type\":\"hello\",}\n", "happy.scn:2: send: malformed JSON");
    assertProblem("a: connect\na: send {\"type\":\"hello\",}\n", "(use send-raw to send a broken line on purpose)");
  }

  @Test
  void sendWithoutTypeOrWithAnUnknownTypeIsRefused() {
    assertProblem("a: connect\na: send {\"role\":\"user\"}\n", "happy.scn:2: send: the frame has no \"type\"");
    assertProblem("a: connect\na: send {\"type\":\"helo\"}\n",
        "happy.scn:2: send: unknown frame type 'helo'; did you mean 'hello'? (use send-raw to send it on purpose)");
  }

  @Test
  void expectWithAMisspeltTypeIsRefused() {
    assertProblem("a: connect\na: expect {\"type\":\"welcom\"}\n",
        "happy.scn:2: expect: unknown frame type 'welcom'; did you mean 'welcome'?");
  }

  @Test
  void expectationWithoutTypeIsAllowed() {
    Step.Expect expect = (Step.Expect) parse("a: connect\na: expect {\"code\":\"bad_frame\"}\n").steps().get(1);

    assertThat(expect.expected().text()).isEqualTo("{\"code\":\"bad_frame\"}");
  }

  @Test
  void expectNeedsAClosedObjectAndOnlyWithinAfterIt() {
    assertProblem("a: connect\na: expect {\"type\":\"welcome\"\n", "happy.scn:2: expect: the JSON object is not closed");
    assertProblem("a: connect\na: expect {\"type\":\"welcome\"} soon\n",
        "happy.scn:2: expect: unexpected 'soon' (only 'within <time>' may follow)");
    assertProblem("a: connect\na: expect {\"type\":\"welcome\"} within ages\n",
        "happy.scn:2: bad time 'ages' (write 500ms, 2s or 1500)");
    assertProblem("a: connect\na: expect welcome\n", "happy.scn:2: expect needs a JSON object");
  }

  @Test
  void bracesInsideStringsDoNotEndTheExpectation() {
    Step.Expect expect = (Step.Expect) parse("a: connect\na: expect {\"type\":\"chat.message\",\"text\":\"}{\"} within 1s\n")
        .steps().get(1);

    assertThat(expect.expected().text()).isEqualTo("{\"type\":\"chat.message\",\"text\":\"}{\"}");
  }

  @Test
  void variableUsedBeforeItIsSetIsAProblem() {
    assertProblem("a: connect\na: send {\"type\":\"relay.join\",\"sessionId\":\"${sessionId}\",\"token\":\"t\"}\n",
        "happy.scn:2: variable ${sessionId} is not set before this line");
  }

  @Test
  void variablesGivenFromOutsideCountAsSet() {
    Scenario scenario = new ScenarioParser(Set.of("password")).parse(FILE,
        "a: connect\na: send {\"type\":\"agent.login\",\"agentId\":\"alice\",\"secret\":\"${password}\"}\n");

    assertThat(scenario.steps()).hasSize(2);
  }

  @Test
  void actorThatNeverConnectedIsAProblem() {
    assertProblem("alice: connect\nalcie: send {\"type\":\"ping\"}\n",
        "happy.scn:2: actor 'alcie' is not connected here (connect, dial or listen + accept first; connected actors: alice)");
  }

  @Test
  void acceptWithoutListenIsAProblem() {
    assertProblem("user: accept\n", "happy.scn:1: actor 'user' accepts but has not listened");
  }

  @Test
  void dialTakesAPinAndListenDefinesTheFingerprintVariable() {
    Scenario scenario = new ScenarioParser().parse(Path.of("peer.scn"), """
        user: listen peerPort
        agent: dial 127.0.0.1:${peerPort} pin ${peerPort_fingerprint}
        bob: connect 10.0.0.5:7400
        """);

    Step.Connect dial = (Step.Connect) scenario.steps().get(1);
    assertThat(dial.dial()).isTrue();
    assertThat(dial.address().text()).isEqualTo("127.0.0.1:${peerPort}");
    assertThat(dial.pin().text()).isEqualTo("${peerPort_fingerprint}");
    assertThat(((Step.Connect) scenario.steps().get(2)).dial()).isFalse();
    assertThat(((Step.Listen) scenario.steps().get(0)).fingerprintVariable()).isEqualTo("peerPort_fingerprint");
    assertProblem("a: dial 127.0.0.1:1 with AB\n", "happy.scn:1: dial: unexpected 'with AB' (only 'pin FINGERPRINT' may follow)");
    assertProblem("a: dial 127.0.0.1:1 pin ${fp}\n", "happy.scn:1: variable ${fp} is not set before this line");
  }

  @Test
  void badAddressesAndNamesAreProblems() {
    assertProblem("a: connect localhost\n", "happy.scn:1: expected host:port, got 'localhost'");
    assertProblem("a: dial\n", "happy.scn:1: dial needs host:port");
    assertProblem("a: listen 9port\n", "happy.scn:1: bad variable name '9port'");
    assertProblem("a: connect\na: capture = token\n", "happy.scn:2: capture needs 'name = path'");
    assertProblem("a: connect\na: capture t = user..ip\n", "happy.scn:2: capture: bad path 'user..ip'");
    assertProblem("a: connect\na: close now\n", "happy.scn:2: close takes nothing after it");
    assertProblem("a: connect\na: expect-silence\n", "happy.scn:2: expect-silence needs a time");
    assertProblem("a: connect\na: send {\"type\":\"chat.message\",\"text\":\"${oops\"}\n",
        "happy.scn:2: bad variable name '${oops\"}' at column 32");
    assertProblem("a: connect\na: send-raw ${oops\n", "happy.scn:2: unclosed '${' at column 1");
  }

  @Test
  void everyProblemInAFileIsReportedAtOnce() {
    ScenarioSyntaxException e = catchProblems("""
        a: connect
        a: expct {}
        a: send {oops}
        b: frobnicate
        """);

    assertThat(e.problems()).extracting(Problem::line).containsExactly(2, 3, 4);
  }

  @Test
  void includeSplicesInAnotherFileAndItsProblemsNameThatFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("login.scn"), """
        alice: connect
        alice: send {"type":"hello","role":"agent","protocol":1}
        """);
    Files.writeString(dir.resolve("broken.scn"), "alice: connect\n\nalice: snd {}\n");
    Files.writeString(dir.resolve("main.scn"), "include login.scn\nalice: expect {\"type\":\"welcome\"}\n");
    Files.writeString(dir.resolve("uses-broken.scn"), "include broken.scn\n");

    Scenario scenario = new ScenarioParser().parse(dir.resolve("main.scn"));

    assertThat(scenario.steps()).hasSize(3);
    assertThat(scenario.steps().get(0).source().file()).isEqualTo(dir.resolve("login.scn"));
    assertThatThrownBy(() -> new ScenarioParser().parse(dir.resolve("uses-broken.scn")))
        .hasMessage(dir.resolve("broken.scn") + ":3: unknown step 'snd' (did you mean 'send'? expected one of: connect,"
            + " dial, send, send-raw, expect, expect-any, expect-silence, expect-closed, capture, listen, accept, close, clear)");
  }

  @Test
  void includeOfAMissingFileOrACycleIsAProblem(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.scn"), "include b.scn\n");
    Files.writeString(dir.resolve("b.scn"), "include a.scn\n");
    Files.writeString(dir.resolve("c.scn"), "\ninclude nowhere.scn\n");

    assertThatThrownBy(() -> new ScenarioParser().parse(dir.resolve("a.scn")))
        .hasMessageContaining("b.scn:1: include cycle");
    assertThatThrownBy(() -> new ScenarioParser().parse(dir.resolve("c.scn")))
        .hasMessageContaining("c.scn:2: no such file: " + dir.resolve("nowhere.scn"));
  }

  @Test
  void missingScenarioFileIsAProblemWithoutALine(@TempDir Path dir) {
    assertThatThrownBy(() -> new ScenarioParser().parse(dir.resolve("gone.scn")))
        .hasMessage(dir.resolve("gone.scn") + ": no such file: " + dir.resolve("gone.scn"));
  }

  private static Scenario parse(String text) {
    return new ScenarioParser().parse(FILE, text);
  }

  private static ScenarioSyntaxException catchProblems(String text) {
    try {
      parse(text);
    } catch (ScenarioSyntaxException e) {
      return e;
    }
    throw new AssertionError("expected problems in:\n" + text);
  }

  private static void assertProblem(String text, String expected) {
    assertThat(catchProblems(text).getMessage()).contains(expected);
  }
}
