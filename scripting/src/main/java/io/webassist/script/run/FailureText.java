package io.webassist.script.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.webassist.script.match.Difference;
import io.webassist.script.match.Json;
import io.webassist.script.match.JsonMatcher;
import io.webassist.script.transport.Received;
import java.time.Duration;
import java.util.List;

/** The explanations a tester reads when an expectation fails: expected, what came instead, and how they differ. */
final class FailureText {

  private static final int SHOWN_CANDIDATES = 5;

  private FailureText() {}

  private static String expectedLine(String actor, JsonNode expected) {
    return "  actor:    " + actor + "\n"
        + "  expected: " + Json.compact(expected) + "   (partial: the fields given must be present and equal)\n";
  }

  /** The next frame came but does not match. */
  static String mismatch(String actor, JsonNode expected, Received received) {
    StringBuilder text = new StringBuilder(expectedLine(actor, expected));
    text.append("  received: ").append(received.line()).append('\n');
    appendDifferences(text, expected, received.line(), "  ");
    return text.toString().stripTrailing();
  }

  /** Nothing (matching) came in time; {@code waiting} is what the inbox holds instead. */
  static String nothing(String actor, JsonNode expected, Duration timeout, List<Received> waiting) {
    StringBuilder text = new StringBuilder(expectedLine(actor, expected));
    if (waiting.isEmpty()) {
      text.append("  received: nothing within ").append(timeout.toMillis()).append(" ms");
      return text.toString();
    }
    text.append("  received: no matching frame within ").append(timeout.toMillis()).append(" ms; ")
        .append(actor).append("'s inbox holds ").append(waiting.size()).append(" other frame(s):");
    for (int i = 0; i < Math.min(SHOWN_CANDIDATES, waiting.size()); i++) {
      String line = waiting.get(i).line();
      text.append("\n    ").append(line).append('\n');
      appendDifferences(text, expected, line, "      ");
    }
    if (waiting.size() > SHOWN_CANDIDATES) {
      text.append("    … and ").append(waiting.size() - SHOWN_CANDIDATES).append(" more");
    }
    return text.toString().stripTrailing();
  }

  /** The connection closed before a (matching) frame came. */
  static String closed(String actor, JsonNode expected, String reason, List<Received> waiting) {
    StringBuilder text = new StringBuilder(expectedLine(actor, expected));
    text.append("  received: nothing; the connection closed (").append(reason).append(')');
    for (Received line : waiting) {
      text.append("\n    unmatched: ").append(line.line());
    }
    return text.toString();
  }

  private static void appendDifferences(StringBuilder text, JsonNode expected, String line, String indent) {
    JsonNode actual = Json.objectOrNull(line);
    if (actual == null) {
      text.append(indent).append("differences: the line is not a JSON object\n");
      return;
    }
    List<Difference> differences = JsonMatcher.differences(expected, actual);
    text.append(indent).append("differences:\n");
    for (Difference difference : differences) {
      text.append(indent).append("  ").append(difference).append('\n');
    }
  }
}
