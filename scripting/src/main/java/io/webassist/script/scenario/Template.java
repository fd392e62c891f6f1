package io.webassist.script.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Text with {@code ${name}} placeholders, filled in when the step runs. {@code $${} stands for a
 * literal {@code ${}. Variable names are letters, digits, {@code _}, {@code .} and {@code -}.
 */
public final class Template {

  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private final String text;
  /** Literal text and variable names, alternating: literal, name, literal, name, …, literal. */
  private final List<String> parts;

  private Template(String text, List<String> parts) {
    this.text = text;
    this.parts = parts;
  }

  /** Parses {@code text}; throws {@link IllegalArgumentException} with a readable message when a placeholder is broken. */
  public static Template parse(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed '${' at column " + (i + 1));
        }
        String name = text.substring(i + 2, end);
        if (!NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("bad variable name '${" + name + "}' at column " + (i + 1)
              + " (letters, digits, _ . -)");
        }
        parts.add(literal.toString());
        parts.add(name);
        literal.setLength(0);
        i = end + 1;
      } else {
        literal.append(text.charAt(i));
        i++;
      }
    }
    parts.add(literal.toString());
    return new Template(text, List.copyOf(parts));
  }

  /** Every variable this template uses, in order of first use. */
  public Set<String> variables() {
    Set<String> names = new LinkedHashSet<>();
    for (int i = 1; i < parts.size(); i += 2) {
      names.add(parts.get(i));
    }
    return names;
  }

  public boolean hasVariables() {
    return parts.size() > 1;
  }

  /** Fills every placeholder with what {@code valueOf} says for its name. */
  public String render(UnaryOperator<String> valueOf) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      out.append(i % 2 == 0 ? parts.get(i) : valueOf.apply(parts.get(i)));
    }
    return out.toString();
  }

  /** The text as written in the scenario. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
