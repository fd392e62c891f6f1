package io.webassist.script.run;

import io.webassist.script.match.Json;
import io.webassist.script.scenario.Template;
import java.util.HashMap;
import java.util.Map;

/**
 * The variables of one run. A value is either text (from --var, set, listen, or a captured JSON
 * string) or JSON (a captured number, boolean, object or array). In JSON steps ({@code send},
 * {@code expect}) text is escaped as the inside of a JSON string and JSON goes in as it is, so
 * {@code "token":"${token}"} and {@code "port":${port}} both work; elsewhere both go in as they are.
 */
final class Variables {

  private record Value(String text, boolean json) {}

  private final Map<String, Value> values = new HashMap<>();

  void setText(String name, String text) {
    values.put(name, new Value(text, false));
  }

  void setJson(String name, String json) {
    values.put(name, new Value(json, true));
  }

  boolean isSet(String name) {
    return values.containsKey(name);
  }

  /** {@code template} filled in for a line of JSON. */
  String renderJson(Template template) throws StepFailure {
    requireAll(template);
    return template.render(name -> {
      Value value = values.get(name);
      return value.json() ? value.text() : Json.escape(value.text());
    });
  }

  /** {@code template} filled in as plain text. */
  String renderText(Template template) throws StepFailure {
    requireAll(template);
    return template.render(name -> values.get(name).text());
  }

  private void requireAll(Template template) throws StepFailure {
    for (String name : template.variables()) {
      if (!values.containsKey(name)) {
        throw new StepFailure("variable ${" + name + "} is not set", "");
      }
    }
  }
}
