package io.webassist.dispatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One JSON object of the configuration file, read field by field. Every problem becomes a
 * {@link ConfigException} naming the file and the field's path ({@code agents[1].passwordHash});
 * {@link #finish()} refuses fields nobody asked for, which catches typos.
 */
final class JsonSection {

  private final String file;
  private final String path;
  private final JsonNode node;
  private final Set<String> read = new LinkedHashSet<>();

  JsonSection(String file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  String string(String field, String fallback) throws ConfigException {
    JsonNode value = value(field);
    if (value == null) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw error(field, "must be a string");
    }
    return value.textValue();
  }

  String requiredString(String field) throws ConfigException {
    String value = string(field, null);
    if (value == null || value.isBlank()) {
      throw error(field, "is required and must not be empty");
    }
    return value;
  }

  long number(String field, long fallback, long min, long max) throws ConfigException {
    JsonNode value = value(field);
    if (value == null) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw error(field, "must be a whole number");
    }
    long n = value.longValue();
    if (n < min || n > max) {
      throw error(field, "must be between " + min + " and " + max + " (was " + n + ")");
    }
    return n;
  }

  boolean bool(String field, boolean fallback) throws ConfigException {
    JsonNode value = value(field);
    if (value == null) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw error(field, "must be true or false");
    }
    return value.booleanValue();
  }

  List<String> strings(String field) throws ConfigException {
    JsonNode value = value(field);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw error(field, "must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isTextual() || item.textValue().isBlank()) {
        throw error(field + "[" + i + "]", "must be a non-empty string");
      }
      out.add(item.textValue());
    }
    return out;
  }

  /** The nested object {@code field}, or null when it is absent. */
  JsonSection object(String field) throws ConfigException {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      throw error(field, "must be a JSON object");
    }
    return new JsonSection(file, join(field), value);
  }

  List<JsonSection> objects(String field) throws ConfigException {
    JsonNode value = value(field);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw error(field, "must be a list of JSON objects");
    }
    List<JsonSection> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemField = field + "[" + i + "]";
      if (!item.isObject()) {
        throw error(itemField, "must be a JSON object");
      }
      out.add(new JsonSection(file, join(itemField), item));
    }
    return out;
  }

  /** The names of this object's fields, in file order (for maps keyed by name, e.g. groups). */
  List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Refuses every field that was not read: a typo must not be silently ignored. */
  void finish() throws ConfigException {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!read.contains(name)) {
        throw error(name, "is not a known field" + (read.isEmpty() ? "" : " (known here: " + String.join(", ", read) + ")"));
      }
    }
  }

  /** Declares fields as known without reading them (they are read through another call). */
  void known(String... fields) {
    read.addAll(List.of(fields));
  }

  ConfigException error(String field, String problem) {
    return new ConfigException(file + ": " + join(field) + ": " + problem);
  }

  private JsonNode value(String field) {
    read.add(field);
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }

  private String join(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
