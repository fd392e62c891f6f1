package io.webassist.script.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.webassist.protocol.frame.FrameTypes;
import io.webassist.script.match.Json;
import io.webassist.script.match.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads scenario files (docs/SCRIPTING.md has the format). Every problem in a file is reported
 * with its file and line, all at once, before anything connects.
 */
public final class ScenarioParser {

  /** The step keywords, in the order the documentation lists them. */
  public static final List<String> STEP_KEYWORDS = List.of(
      "connect", "dial", "send", "send-raw", "expect", "expect-any", "expect-silence", "expect-closed",
      "capture", "listen", "accept", "close", "clear");

  private static final Pattern ACTOR_STEP = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*):\\s*(.*)");
  private static final Pattern VARIABLE = Pattern.compile("(set|default)\\s+(\\S+?)\\s*=\\s*(.*)");
  private static final Pattern INCLUDE = Pattern.compile("include\\s+(.+)");
  private static final Pattern CAPTURE = Pattern.compile("(\\S+?)\\s*=\\s*(\\S+)");
  private static final Pattern WITHIN = Pattern.compile("within\\s+(.+)");
  private static final int MAX_INCLUDE_DEPTH = 16;

  private final Set<String> predefined;

  /** @param predefinedVariables names set before the scenario starts (--var); they count as defined */
  public ScenarioParser(Set<String> predefinedVariables) {
    this.predefined = Set.copyOf(predefinedVariables);
  }

  public ScenarioParser() {
    this(Set.of());
  }

  /**
   * Parses {@code file} and the files it includes.
   *
   * @throws ScenarioSyntaxException listing every problem found, each with file and line
   */
  public Scenario parse(Path file) {
    List<Step> steps = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    readFile(file, new ArrayDeque<>(), steps, problems, file, 0);
    return finish(file, steps, problems);
  }

  /** Parses scenario text as if it were the file {@code name}; includes resolve next to {@code name}. */
  public Scenario parse(Path name, String text) {
    List<Step> steps = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Deque<Path> stack = new ArrayDeque<>();
    stack.push(name.toAbsolutePath().normalize());
    parseLines(name, text.split("\n", -1), stack, steps, problems);
    return finish(name, steps, problems);
  }

  private Scenario finish(Path file, List<Step> steps, List<Problem> problems) {
    if (problems.isEmpty()) {
      problems.addAll(ScenarioChecks.check(steps, predefined));
    }
    if (!problems.isEmpty()) {
      throw new ScenarioSyntaxException(problems);
    }
    return new Scenario(scenarioName(file), file, steps);
  }

  private static String scenarioName(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".scn") ? name.substring(0, name.length() - 4) : name;
  }

  private void readFile(Path file, Deque<Path> stack, List<Step> steps, List<Problem> problems,
      Path includedFrom, int includeLine) {
    Path key = file.toAbsolutePath().normalize();
    if (stack.contains(key)) {
      problems.add(new Problem(includedFrom, includeLine, "include cycle: " + file + " includes itself"));
      return;
    }
    if (stack.size() >= MAX_INCLUDE_DEPTH) {
      problems.add(new Problem(includedFrom, includeLine, "includes nested deeper than " + MAX_INCLUDE_DEPTH));
      return;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      String what = Files.exists(file) ? "cannot read " + file + ": " + e.getMessage() : "no such file: " + file;
      problems.add(new Problem(includedFrom, includeLine, what));
      return;
    }
    stack.push(key);
    parseLines(file, text.split("\n", -1), stack, steps, problems);
    stack.pop();
  }

  private void parseLines(Path file, String[] lines, Deque<Path> stack, List<Step> steps, List<Problem> problems) {
    for (int i = 0; i < lines.length; i++) {
      String text = lines[i].strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      Source source = new Source(file, i + 1, text);
      Matcher include = INCLUDE.matcher(text);
      if (include.matches() && !ACTOR_STEP.matcher(text).matches()) {
        Path target = resolve(file, include.group(1).strip());
        readFile(target, stack, steps, problems, file, i + 1);
        continue;
      }
      try {
        steps.add(parseLine(source));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(file, i + 1, e.getMessage()));
      }
    }
  }

  private static Path resolve(Path including, String target) {
    Path parent = including.getParent();
    return parent == null ? Path.of(target) : parent.resolve(target);
  }

  /** One non-blank, non-comment line; throws {@link IllegalArgumentException} saying what is wrong. */
  Step parseLine(Source source) {
    String text = source.text();
    Matcher actorStep = ACTOR_STEP.matcher(text);
    if (actorStep.matches()) {
      return parseActorStep(source, actorStep.group(1), actorStep.group(2).strip());
    }
    Matcher variable = VARIABLE.matcher(text);
    if (variable.matches()) {
      String name = variable.group(2);
      requireVariableName(name);
      return new Step.SetVariable(source, name, template(variable.group(3).strip()), "default".equals(variable.group(1)));
    }
    throw new IllegalArgumentException("expected 'actor: step', 'set name = value', 'default name = value'"
        + " or 'include file', got '" + clip(text) + "'");
  }

  private Step parseActorStep(Source source, String actor, String rest) {
    int space = indexOfWhitespace(rest);
    String keyword = space < 0 ? rest : rest.substring(0, space);
    String args = space < 0 ? "" : rest.substring(space).strip();
    switch (keyword) {
      case "connect":
        return new Step.Connect(source, actor, args.isEmpty() ? null : address(args));
      case "dial":
        requireArgument(keyword, args, "host:port");
        return dial(source, actor, args);
      case "send":
        requireArgument(keyword, args, "a JSON object");
        return new Step.Send(source, actor, frame(keyword, args, true), false);
      case "send-raw":
        return new Step.Send(source, actor, template(args), true);
      case "expect":
      case "expect-any":
        return expect(source, actor, keyword, args);
      case "expect-silence":
        requireArgument(keyword, args, "a time, e.g. 500ms");
        return new Step.ExpectSilence(source, actor, time(stripPrefix(args, "for")));
      case "expect-closed":
        return new Step.ExpectClosed(source, actor, within(keyword, args));
      case "capture":
        return capture(source, actor, args);
      case "listen":
        requireArgument(keyword, args, "a variable name for the port");
        requireVariableName(args);
        return new Step.Listen(source, actor, args);
      case "accept":
        return new Step.Accept(source, actor, within(keyword, args));
      case "close":
        requireNoArgument(keyword, args);
        return new Step.Close(source, actor);
      case "clear":
        requireNoArgument(keyword, args);
        return new Step.Clear(source, actor);
      default:
        throw unknownStep(keyword);
    }
  }

  private static IllegalArgumentException unknownStep(String keyword) {
    String hint = Suggestions.closest(keyword, STEP_KEYWORDS).map(s -> "did you mean '" + s + "'? ").orElse("");
    return new IllegalArgumentException("unknown step '" + clip(keyword) + "' (" + hint + "expected one of: "
        + String.join(", ", STEP_KEYWORDS) + ")");
  }

  private Step expect(Source source, String actor, String keyword, String args) {
    if (!args.startsWith("{")) {
      throw new IllegalArgumentException(keyword + " needs a JSON object, e.g. " + keyword + " {\"type\":\"welcome\"}");
    }
    int end = JsonExtent.end(args);
    if (end < 0) {
      throw new IllegalArgumentException(keyword + ": the JSON object is not closed (missing '}')");
    }
    Template expected = frame(keyword, args.substring(0, end), false);
    Template timeout = within(keyword, args.substring(end).strip());
    Step.Pick pick = "expect".equals(keyword) ? Step.Pick.NEXT : Step.Pick.ANY;
    return new Step.Expect(source, actor, expected, pick, timeout);
  }

  private static Step capture(Source source, String actor, String args) {
    Matcher m = CAPTURE.matcher(args);
    if (!m.matches()) {
      throw new IllegalArgumentException("capture needs 'name = path', e.g. capture token = support.assigned.token");
    }
    String variable = m.group(1);
    requireVariableName(variable);
    String path = m.group(2);
    String frameType = null;
    for (String type : FrameTypes.all().keySet()) {
      if (path.startsWith(type + ".") && (frameType == null || type.length() > frameType.length())) {
        frameType = type;
      }
    }
    if (frameType != null) {
      path = path.substring(frameType.length() + 1);
    }
    try {
      JsonPath.parse(path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("capture: " + e.getMessage());
    }
    return new Step.Capture(source, actor, variable, frameType, path);
  }

  /**
   * A JSON object with placeholders. Checked now with every placeholder standing in as {@code 0},
   * which is valid both inside a string and as a number.
   */
  private static Template frame(String keyword, String text, boolean typeRequired) {
    Template template = template(text);
    JsonNode node;
    try {
      node = Json.object(template.render(name -> "0"));
    } catch (IllegalArgumentException e) {
      String hint = typeRequired ? " (use send-raw to send a broken line on purpose)" : "";
      throw new IllegalArgumentException(keyword + ": " + e.getMessage() + hint);
    }
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      if (typeRequired) {
        throw new IllegalArgumentException(keyword + ": the frame has no \"type\" (use send-raw to send it on purpose)");
      }
      return template;
    }
    boolean typeIsVariable = template.hasVariables() && "0".equals(type.asText());
    if (!typeIsVariable && FrameTypes.typeOf(type.asText()) == null) {
      String hint = Suggestions.closest(type.asText(), FrameTypes.all().keySet())
          .map(s -> "; did you mean '" + s + "'?").orElse("");
      String onPurpose = typeRequired ? " (use send-raw to send it on purpose)" : "";
      throw new IllegalArgumentException(keyword + ": unknown frame type '" + clip(type.asText()) + "'" + hint + onPurpose);
    }
    return template;
  }

  /** {@code dial host:port [pin FINGERPRINT]}. */
  private static Step dial(Source source, String actor, String args) {
    int space = indexOfWhitespace(args);
    if (space < 0) {
      return new Step.Connect(source, actor, address(args), true, null);
    }
    String rest = args.substring(space).strip();
    int restSpace = indexOfWhitespace(rest);
    if (restSpace < 0 || !rest.substring(0, restSpace).equals("pin")) {
      throw new IllegalArgumentException("dial: unexpected '" + clip(rest) + "' (only 'pin FINGERPRINT' may follow)");
    }
    return new Step.Connect(source, actor, address(args.substring(0, space)), true,
        template(rest.substring(restSpace).strip()));
  }

  private static Template address(String text) {
    Template template = template(text);
    if (!template.hasVariables()) {
      HostPort.parse(text);
    }
    return template;
  }

  private static Template within(String keyword, String args) {
    if (args.isEmpty()) {
      return null;
    }
    Matcher m = WITHIN.matcher(args);
    if (!m.matches()) {
      throw new IllegalArgumentException(keyword + ": unexpected '" + clip(args) + "' (only 'within <time>' may follow)");
    }
    return time(m.group(1));
  }

  private static Template time(String text) {
    Template template = template(text.strip());
    if (!template.hasVariables()) {
      DurationText.parse(text);
    }
    return template;
  }

  private static Template template(String text) {
    return Template.parse(text);
  }

  private static String stripPrefix(String text, String word) {
    return text.startsWith(word + " ") ? text.substring(word.length()).strip() : text;
  }

  private static void requireArgument(String keyword, String args, String what) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException(keyword + " needs " + what);
    }
  }

  private static void requireNoArgument(String keyword, String args) {
    if (!args.isEmpty()) {
      throw new IllegalArgumentException(keyword + " takes nothing after it, got '" + clip(args) + "'");
    }
  }

  private static void requireVariableName(String name) {
    if (!Template.NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad variable name '" + clip(name) + "' (letters, digits, _ . -)");
    }
  }

  private static int indexOfWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String clip(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }
}
