package io.webassist.script.scenario;

/**
 * One line of a scenario that does something. Actor steps name the connection they act on; a
 * {@code timeout} of null means the run's default time limit. docs/SCRIPTING.md describes each.
 */
public sealed interface Step {

  Source source();

  /** A step that acts on one named connection. */
  sealed interface ActorStep extends Step {
    String actor();
  }

  /**
   * {@code connect [host:port]} (null address: the --server), to the dispatch server or its relay,
   * which present the server's certificate; or {@code dial host:port [pin FP]} ({@code dial} true),
   * to a peer listener whose certificate has the fingerprint {@code pin} (null: none given).
   */
  record Connect(Source source, String actor, Template address, boolean dial, Template pin) implements ActorStep {
    /** A {@code connect} step. */
    public Connect(Source source, String actor, Template address) {
      this(source, actor, address, false, null);
    }
  }

  /** {@code send {json}} (checked to be a JSON object) or {@code send-raw text} (sent as written). */
  record Send(Source source, String actor, Template line, boolean raw) implements ActorStep {}

  /** How {@link Expect} picks the frame it compares. */
  enum Pick {
    /** The next frame in the inbox must match; it is taken either way. */
    NEXT,
    /** The first frame in the inbox that matches is taken; the others stay, in order. */
    ANY
  }

  /** {@code expect {json} [within T]} and {@code expect-any {json} [within T]}. */
  record Expect(Source source, String actor, Template expected, Pick pick, Template timeout) implements ActorStep {}

  /** {@code expect-silence T}: nothing is waiting and nothing arrives for T. */
  record ExpectSilence(Source source, String actor, Template period) implements ActorStep {}

  /** {@code expect-closed [within T]}. */
  record ExpectClosed(Source source, String actor, Template timeout) implements ActorStep {}

  /**
   * {@code capture name = [frame.type.]path}: a value from the last frame this actor matched, or
   * from the last matched frame of {@code frameType} when the path starts with a frame type.
   */
  record Capture(Source source, String actor, String variable, String frameType, String path) implements ActorStep {}

  /**
   * {@code listen name}: a listener on 127.0.0.1, port 0; its port goes into {@code ${name}} and its
   * certificate's fingerprint into {@code ${name_fingerprint}} (empty with --insecure).
   */
  record Listen(Source source, String actor, String variable) implements ActorStep {
    /** Where the listener's certificate fingerprint goes: {@code name_fingerprint}. */
    public String fingerprintVariable() {
      return variable + "_fingerprint";
    }
  }

  /** {@code accept [within T]}: the actor becomes the next connection to its listener. */
  record Accept(Source source, String actor, Template timeout) implements ActorStep {}

  /** {@code close}. */
  record Close(Source source, String actor) implements ActorStep {}

  /** {@code clear}: drop every frame waiting in the actor's inbox. */
  record Clear(Source source, String actor) implements ActorStep {}

  /** {@code set name = value}, or {@code default name = value} (only when not set yet, e.g. by --var). */
  record SetVariable(Source source, String name, Template value, boolean onlyIfUnset) implements Step {}
}
