package io.webassist.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one scenario measured: a table (printed aligned, written as JSON rows keyed by column),
 * notes on what limits or qualifies the numbers, and each issue target with whether it was met
 * and by how much it was missed. Cells are numbers or text; NaN and null print as "-".
 */
public final class Report {

  /** One target of the issue, checked against this run. {@code met} null: not measured. */
  public record TargetCheck(String target, Boolean met, String detail) {}

  private final String scenario;
  private final List<String> columns;
  private final List<List<Object>> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<TargetCheck> targets = new ArrayList<>();
  private final Map<String, Object> settings = new LinkedHashMap<>();

  public Report(String scenario, String... columns) {
    this.scenario = scenario;
    this.columns = List.of(columns);
  }

  public String scenario() {
    return scenario;
  }

  public void row(Object... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns.size() + " columns");
    }
    rows.add(java.util.Arrays.asList(cells));
  }

  public List<List<Object>> rows() {
    return rows;
  }

  public List<String> columns() {
    return columns;
  }

  public void note(String note) {
    notes.add(note);
  }

  public List<String> notes() {
    return notes;
  }

  public Map<String, Object> settings() {
    return settings;
  }

  public void setting(String key, Object value) {
    settings.put(key, value);
  }

  public void target(String target, Boolean met, String detail) {
    targets.add(new TargetCheck(target, met, detail));
  }

  public List<TargetCheck> targets() {
    return targets;
  }

  /** The value in {@code column} of row {@code i}. */
  public Object cell(int i, String column) {
    return rows.get(i).get(columns.indexOf(column));
  }

  public void print(PrintWriter out) {
    out.println();
    out.println("== " + scenario + " ==");
    List<String[]> text = new ArrayList<>();
    text.add(columns.toArray(String[]::new));
    for (List<Object> row : rows) {
      text.add(row.stream().map(Report::format).toArray(String[]::new));
    }
    int[] width = new int[columns.size()];
    for (String[] r : text) {
      for (int c = 0; c < r.length; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    for (String[] r : text) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < r.length; c++) {
        line.append(c == 0 ? String.format("%-" + width[c] + "s", r[c]) : String.format("  %" + width[c] + "s", r[c]));
      }
      out.println(line.toString().stripTrailing());
    }
    for (TargetCheck t : targets) {
      String verdict = t.met() == null ? "NOT MEASURED" : t.met() ? "MET" : "MISSED";
      out.println("target: " + t.target() + " -> " + verdict + (t.detail() == null ? "" : " (" + t.detail() + ")"));
    }
    for (String n : notes) {
      out.println("note: " + n);
    }
    out.flush();
  }

  /** Writes {@code <dir>/<scenario>.json}; returns the file. */
  public Path writeJson(Path dir, Map<String, Object> machine) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", scenario);
    json.put("finishedAt", Instant.now().toString());
    json.put("machine", machine);
    json.put("settings", settings);
    List<Map<String, Object>> jsonRows = new ArrayList<>();
    for (List<Object> row : rows) {
      Map<String, Object> r = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        Object v = row.get(c);
        r.put(columns.get(c), v instanceof Double d && (d.isNaN() || d.isInfinite()) ? null : v);
      }
      jsonRows.add(r);
    }
    json.put("rows", jsonRows);
    json.put("targets", targets);
    json.put("notes", notes);
    Path file = dir.resolve(scenario + ".json");
    Files.createDirectories(dir);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    return file;
  }

  public static String format(Object v) {
    if (v == null) {
      return "-";
    }
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return "-";
      }
      double a = Math.abs(d);
      if (a >= 1000) {
        return String.format(Locale.ROOT, "%,.0f", d);
      }
      if (a >= 10) {
        return String.format(Locale.ROOT, "%.1f", d);
      }
      return String.format(Locale.ROOT, "%.2f", d);
    }
    if (v instanceof Long || v instanceof Integer) {
      return String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
    }
    return v.toString();
  }

  /** {@code a / b}, NaN when either is missing. */
  public static double ratio(Double a, Double b) {
    if (a == null || b == null || b == 0 || a.isNaN() || b.isNaN()) {
      return Double.NaN;
    }
    return a / b;
  }
}
