package io.webassist.script.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.webassist.script.match.Json;
import io.webassist.script.match.JsonMatcher;
import io.webassist.script.match.JsonPath;
import io.webassist.script.scenario.DurationText;
import io.webassist.script.scenario.HostPort;
import io.webassist.script.scenario.Step;
import io.webassist.script.scenario.Template;
import io.webassist.script.transport.Inbox;
import io.webassist.script.transport.LineConnection;
import io.webassist.script.transport.LineTransport;
import io.webassist.script.transport.Received;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out steps for one scenario run: owns its actors and variables. Each method returns the
 * one-line summary of what happened, or throws {@link StepFailure} with the explanation.
 */
final class StepActions {

  /** Where listeners bind: loopback, since the scenario's own actors dial them. */
  static final String LISTEN_HOST = "127.0.0.1";

  private final LineTransport transport;
  private final RunOptions options;
  private final Variables variables = new Variables();
  private final Map<String, Actor> actors = new LinkedHashMap<>();

  StepActions(LineTransport transport, RunOptions options) {
    this.transport = transport;
    this.options = options;
    variables.setText("serverHost", options.server().host());
    variables.setText("serverPort", Integer.toString(options.server().port()));
    options.variables().forEach(variables::setText);
  }

  String execute(Step step) throws StepFailure, InterruptedException {
    if (step instanceof Step.SetVariable s) {
      return setVariable(s);
    } else if (step instanceof Step.Connect s) {
      return connect(s);
    } else if (step instanceof Step.Send s) {
      return send(s);
    } else if (step instanceof Step.Expect s) {
      return s.pick() == Step.Pick.NEXT ? expectNext(s) : expectAny(s);
    } else if (step instanceof Step.ExpectSilence s) {
      return expectSilence(s);
    } else if (step instanceof Step.ExpectClosed s) {
      return expectClosed(s);
    } else if (step instanceof Step.Capture s) {
      return capture(s);
    } else if (step instanceof Step.Listen s) {
      return listen(s);
    } else if (step instanceof Step.Accept s) {
      return accept(s);
    } else if (step instanceof Step.Close s) {
      return close(s);
    } else if (step instanceof Step.Clear s) {
      return clear(s);
    }
    throw new IllegalStateException("no action for " + step);
  }

  /** Closes every connection and listener of the run. */
  void closeAll() {
    actors.values().forEach(Actor::closeAll);
  }

  private String setVariable(Step.SetVariable step) throws StepFailure {
    if (step.onlyIfUnset() && variables.isSet(step.name())) {
      return step.name() + " already set, kept";
    }
    String value = variables.renderText(step.value());
    variables.setText(step.name(), value);
    return step.name() + " = " + value;
  }

  private String connect(Step.Connect step) throws StepFailure, InterruptedException {
    Actor actor = actor(step.actor());
    if (actor.connection != null && actor.connection.isOpen()) {
      throw new StepFailure(actor.name + " is already connected to " + actor.connection.remote() + "; close it first", "");
    }
    boolean toServer = step.address() == null;
    HostPort target = toServer ? options.server() : hostPort(variables.renderText(step.address()));
    String pin = step.pin() == null ? null : variables.renderText(step.pin());
    try {
      actor.connection = step.dial()
          ? transport.dial(target.host(), target.port(), pin, options.defaultTimeout())
          : transport.connect(target.host(), target.port(), options.defaultTimeout());
    } catch (IOException e) {
      boolean tls = e.getMessage() != null && e.getMessage().startsWith("TLS handshake");
      if (toServer) {
        throw new StepFailure((tls ? "server not trusted: " : "server not reachable: ") + e.getMessage(),
            tls ? "  is --server-fingerprint what the server printed at start? (a plain-TCP server needs --insecure)"
                : "  is the dispatch server running at " + target + "? (--server host:port)", Outcome.ERROR);
      }
      throw new StepFailure(actor.name + " cannot connect: " + e.getMessage(), "");
    }
    return "connected to " + target + " from " + actor.connection.local()
        + (!transport.security().isTls() ? " (plain TCP)" : step.dial() ? " (TLS, pinned " + pin + ")" : " (TLS)");
  }

  private String send(Step.Send step) throws StepFailure, InterruptedException {
    Actor actor = connectedActor(step.actor());
    String line;
    if (step.raw()) {
      line = variables.renderText(step.line());
    } else {
      line = variables.renderJson(step.line());
      try {
        Json.object(line);
      } catch (IllegalArgumentException e) {
        throw new StepFailure("after filling in variables the frame is not valid JSON: " + e.getMessage(),
            "  line: " + line);
      }
    }
    try {
      actor.connection.send(line, options.defaultTimeout());
    } catch (IOException e) {
      throw new StepFailure(actor.name + " cannot send: " + e.getMessage(), "  line: " + line);
    }
    return "sent " + line;
  }

  private String expectNext(Step.Expect step) throws StepFailure, InterruptedException {
    Actor actor = connectedActor(step.actor());
    JsonNode expected = expectation(step);
    Duration timeout = timeout(step.timeout());
    Inbox inbox = actor.connection.inbox();
    Inbox.Next next = inbox.next(timeout);
    if (next instanceof Inbox.TimedOut) {
      throw new StepFailure(actor.name + " received nothing within " + timeout.toMillis() + " ms",
          FailureText.nothing(actor.name, expected, timeout, List.of()));
    }
    if (next instanceof Inbox.Closed closed) {
      throw new StepFailure(actor.name + "'s connection closed before the expected frame came",
          FailureText.closed(actor.name, expected, closed.reason(), List.of()));
    }
    Received received = ((Inbox.Line) next).received();
    JsonNode actual = Json.objectOrNull(received.line());
    if (actual == null || !JsonMatcher.matches(expected, actual)) {
      throw new StepFailure(actor.name + " received a different frame",
          FailureText.mismatch(actor.name, expected, received));
    }
    actor.matched(actual);
    return "got " + received.line();
  }

  private String expectAny(Step.Expect step) throws StepFailure, InterruptedException {
    Actor actor = connectedActor(step.actor());
    JsonNode expected = expectation(step);
    Duration timeout = timeout(step.timeout());
    Inbox inbox = actor.connection.inbox();
    Inbox.Next next = inbox.firstMatching(r -> {
      JsonNode actual = Json.objectOrNull(r.line());
      return actual != null && JsonMatcher.matches(expected, actual);
    }, timeout);
    if (next instanceof Inbox.TimedOut) {
      throw new StepFailure(actor.name + " received no matching frame within " + timeout.toMillis() + " ms",
          FailureText.nothing(actor.name, expected, timeout, inbox.snapshot()));
    }
    if (next instanceof Inbox.Closed closed) {
      throw new StepFailure(actor.name + "'s connection closed before a matching frame came",
          FailureText.closed(actor.name, expected, closed.reason(), inbox.snapshot()));
    }
    Received received = ((Inbox.Line) next).received();
    actor.matched(Json.object(received.line()));
    int skipped = inbox.snapshot().size();
    return "got " + received.line() + (skipped > 0 ? " (" + skipped + " other frame(s) left in the inbox)" : "");
  }

  private String expectSilence(Step.ExpectSilence step) throws StepFailure, InterruptedException {
    Actor actor = connectedActor(step.actor());
    Duration period = DurationText.parse(variables.renderText(step.period()));
    long start = System.nanoTime();
    Optional<Received> first = actor.connection.inbox().peekWithin(period);
    if (first.isPresent()) {
      long afterMs = Math.max(0, (first.get().atNanos() - start) / 1_000_000);
      throw new StepFailure(actor.name + " expected silence for " + period.toMillis() + " ms but received a frame",
          "  actor:    " + actor.name + "\n  received: " + first.get().line()
              + (afterMs > 0 ? "   (after " + afterMs + " ms)" : "   (it was already waiting in the inbox)"));
    }
    return "nothing for " + period.toMillis() + " ms";
  }

  private String expectClosed(Step.ExpectClosed step) throws StepFailure, InterruptedException {
    Actor actor = connectedActor(step.actor());
    Duration timeout = timeout(step.timeout());
    Inbox inbox = actor.connection.inbox();
    if (!inbox.awaitClosed(timeout)) {
      throw new StepFailure(actor.name + "'s connection is still open after " + timeout.toMillis() + " ms",
          "  actor:    " + actor.name + "\n  expected: the other side closes the connection");
    }
    int unread = inbox.snapshot().size();
    return "closed (" + inbox.closeReason() + ")" + (unread > 0 ? "; " + unread + " unread frame(s) ignored" : "");
  }

  private String capture(Step.Capture step) throws StepFailure {
    Actor actor = actor(step.actor());
    JsonNode frame = step.frameType() == null ? actor.lastMatched : actor.lastMatchedByType.get(step.frameType());
    String from = step.frameType() == null ? "frame" : step.frameType() + " frame";
    if (frame == null) {
      throw new StepFailure(actor.name + " has not matched a " + from + " yet to capture from",
          "  capture takes its value from a frame an earlier expect or expect-any step matched");
    }
    JsonNode value = JsonPath.parse(step.path()).find(frame)
        .orElseThrow(() -> new StepFailure("the " + from + " has no '" + step.path() + "'",
            "  actor: " + actor.name + "\n  frame: " + Json.compact(frame)));
    if (value.isTextual()) {
      variables.setText(step.variable(), value.asText());
    } else {
      variables.setJson(step.variable(), Json.compact(value));
    }
    return step.variable() + " = " + Json.compact(value);
  }

  private String listen(Step.Listen step) throws StepFailure, InterruptedException {
    Actor actor = actor(step.actor());
    if (actor.listener != null) {
      throw new StepFailure(actor.name + " is already listening on port " + actor.listener.port(), "");
    }
    try {
      actor.listener = transport.listen(LISTEN_HOST);
    } catch (IOException e) {
      throw new StepFailure("cannot listen: " + e.getMessage(), "", Outcome.ERROR);
    }
    variables.setText(step.variable(), Integer.toString(actor.listener.port()));
    // empty when insecure, so that a scenario reads the same in both modes
    String fingerprint = actor.listener.fingerprint() == null ? "" : actor.listener.fingerprint();
    variables.setText(step.fingerprintVariable(), fingerprint);
    return "listening on " + LISTEN_HOST + ":" + actor.listener.port() + ", " + step.variable() + " = "
        + actor.listener.port() + ", " + step.fingerprintVariable() + " = "
        + (fingerprint.isEmpty() ? "\"\" (plain TCP)" : fingerprint);
  }

  private String accept(Step.Accept step) throws StepFailure, InterruptedException {
    Actor actor = actor(step.actor());
    Duration timeout = timeout(step.timeout());
    LineConnection accepted = actor.listener.accept(timeout);
    if (accepted == null) {
      throw new StepFailure("nobody connected to " + actor.name + "'s listener within " + timeout.toMillis() + " ms",
          "  actor:    " + actor.name + "\n  listener: " + LISTEN_HOST + ":" + actor.listener.port());
    }
    if (actor.connection != null) {
      actor.connection.close();
    }
    actor.connection = accepted;
    return "accepted a connection from " + accepted.remote();
  }

  private String close(Step.Close step) throws StepFailure {
    Actor actor = connectedActor(step.actor());
    actor.connection.close();
    return "closed";
  }

  private String clear(Step.Clear step) throws StepFailure {
    Actor actor = connectedActor(step.actor());
    return "dropped " + actor.connection.inbox().clear() + " frame(s)";
  }

  private JsonNode expectation(Step.Expect step) throws StepFailure {
    String text = variables.renderJson(step.expected());
    try {
      return Json.object(text);
    } catch (IllegalArgumentException e) {
      throw new StepFailure("after filling in variables the expectation is not valid JSON: " + e.getMessage(),
          "  expected: " + text);
    }
  }

  private Duration timeout(Template given) throws StepFailure {
    if (given == null) {
      return options.defaultTimeout();
    }
    String text = variables.renderText(given);
    try {
      return DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new StepFailure(e.getMessage(), "");
    }
  }

  private HostPort hostPort(String text) throws StepFailure {
    try {
      return HostPort.parse(text);
    } catch (IllegalArgumentException e) {
      throw new StepFailure(e.getMessage(), "");
    }
  }

  private Actor actor(String name) {
    return actors.computeIfAbsent(name, Actor::new);
  }

  private Actor connectedActor(String name) throws StepFailure {
    Actor actor = actor(name);
    if (actor.connection == null) {
      throw new StepFailure(name + " has no connection", "");
    }
    return actor;
  }
}
