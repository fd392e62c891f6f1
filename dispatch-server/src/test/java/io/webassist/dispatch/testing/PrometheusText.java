package io.webassist.dispatch.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), as a scraper reads
 * it, for tests: {@code # HELP} and {@code # TYPE} lines, samples with escaped label values, and
 * the rules a scraper relies on — a family's TYPE comes once, before its samples; every sample
 * belongs to a declared family (with the {@code _total}, {@code _bucket}/{@code _sum}/{@code _count}
 * suffixes its type allows); no sample twice; a histogram's buckets are cumulative, end at
 * {@code +Inf}, and that bucket equals {@code _count}. Anything else throws {@link IllegalArgumentException}
 * naming the line.
 *
 * <p>Written here because there is no maintained Java parser of this format on Maven Central: the
 * Prometheus Java client only writes it, and the reference parsers are Go's {@code expfmt} and
 * Python's {@code prometheus_client} (neither runs in this JVM build).
 */
public final class PrometheusText {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** One metric family: its TYPE, HELP and samples. */
  public record Family(String name, String type, String help, List<Sample> samples) {}

  private final Map<String, Family> families;

  private PrometheusText(Map<String, Family> families) {
    this.families = families;
  }

  public static PrometheusText parse(String text) {
    Map<String, Family> families = new LinkedHashMap<>();
    Map<String, String> help = new HashMap<>();
    Set<String> seen = new HashSet<>();
    Set<String> closed = new HashSet<>(); // families whose samples are over: they may not come back
    String current = null;
    int lineNo = 0;
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the exposition must end with a line feed");
    }
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isEmpty()) {
        continue;
      }
      String where = "line " + lineNo + ": " + line;
      if (line.startsWith("#")) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && parts[1].equals("HELP")) {
          name(parts[2], where);
          help.put(parts[2], parts.length == 4 ? unescapeHelp(parts[3], where) : "");
          Family f = families.get(parts[2]);
          if (f != null) {
            families.put(f.name(), new Family(f.name(), f.type(), help.get(parts[2]), f.samples()));
          }
        } else if (parts.length == 4 && parts[1].equals("TYPE")) {
          String family = name(parts[2], where);
          if (!TYPES.contains(parts[3])) {
            throw new IllegalArgumentException("unknown type: " + where);
          }
          if (families.containsKey(family)) {
            throw new IllegalArgumentException("TYPE given twice: " + where);
          }
          if (current != null) {
            closed.add(current);
          }
          families.put(family, new Family(family, parts[3], help.getOrDefault(family, ""), new ArrayList<>()));
          current = family;
        }
        continue; // other comments are allowed
      }
      Sample sample = sample(line, where);
      Family family = familyOf(sample.name(), families);
      if (family == null) {
        throw new IllegalArgumentException("sample of no declared family: " + where);
      }
      if (closed.contains(family.name()) || !family.name().equals(current)) {
        throw new IllegalArgumentException("samples of one family must be together, after its TYPE: " + where);
      }
      if (!seen.add(sample.name() + new TreeMap<>(sample.labels()))) {
        throw new IllegalArgumentException("sample given twice: " + where);
      }
      family.samples().add(sample);
    }
    families.values().stream().filter(f -> f.type().equals("histogram")).forEach(PrometheusText::checkHistogram);
    return new PrometheusText(families);
  }

  private static Family familyOf(String sampleName, Map<String, Family> families) {
    Family exact = families.get(sampleName);
    if (exact != null && !exact.type().equals("histogram") && !exact.type().equals("summary")
        && (!exact.type().equals("counter") || sampleName.endsWith("_total"))) {
      return exact; // a counter's TYPE may name it with its _total, as the Prometheus Java client writes it
    }
    for (String suffix : new String[] {"_total", "_created"}) {
      Family f = strip(sampleName, suffix, families);
      if (f != null && f.type().equals("counter")) {
        return f;
      }
    }
    for (String suffix : new String[] {"_bucket", "_sum", "_count", "_created"}) {
      Family f = strip(sampleName, suffix, families);
      if (f != null && (f.type().equals("histogram") || f.type().equals("summary"))) {
        return f;
      }
    }
    return null;
  }

  private static Family strip(String name, String suffix, Map<String, Family> families) {
    return name.endsWith(suffix) ? families.get(name.substring(0, name.length() - suffix.length())) : null;
  }

  private static Sample sample(String line, String where) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = name(line.substring(0, i), where);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        if (eq < 0) {
          throw new IllegalArgumentException("label without '=': " + where);
        }
        String label = line.substring(i, eq);
        if (!LABEL_NAME.matcher(label).matches() || labels.containsKey(label)) {
          throw new IllegalArgumentException("bad or repeated label name '" + label + "': " + where);
        }
        if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
          throw new IllegalArgumentException("label value not quoted: " + where);
        }
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(switch (next) {
              case '\\' -> '\\';
              case '"' -> '"';
              case 'n' -> '\n';
              default -> throw new IllegalArgumentException("bad escape \\" + next + ": " + where);
            });
          } else {
            value.append(c);
          }
        }
        labels.put(label, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        } else if (line.charAt(i) != '}') {
          throw new IllegalArgumentException("expected ',' or '}': " + where);
        }
      }
      i++;
    }
    if (i >= line.length() || line.charAt(i) != ' ') {
      throw new IllegalArgumentException("no value: " + where);
    }
    String[] rest = line.substring(i + 1).trim().split(" +");
    if (rest.length > 2) {
      throw new IllegalArgumentException("too many fields: " + where);
    }
    if (rest.length == 2) {
      Long.parseLong(rest[1]); // a timestamp in milliseconds
    }
    return new Sample(name, labels, value(rest[0], where));
  }

  private static double value(String text, String where) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad value '" + text + "': " + where, e);
        }
      }
    };
  }

  private static String name(String name, String where) {
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad metric name '" + name + "': " + where);
    }
    return name;
  }

  private static String unescapeHelp(String help, String where) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < help.length(); i++) {
      char c = help.charAt(i);
      if (c == '\\') {
        char next = help.charAt(++i);
        out.append(switch (next) {
          case '\\' -> '\\';
          case 'n' -> '\n';
          default -> throw new IllegalArgumentException("bad escape in HELP: " + where);
        });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void checkHistogram(Family f) {
    Map<Map<String, String>, List<Sample>> buckets = new HashMap<>();
    Map<Map<String, String>, Double> counts = new HashMap<>();
    for (Sample s : f.samples()) {
      Map<String, String> series = new TreeMap<>(s.labels());
      if (s.name().equals(f.name() + "_bucket")) {
        if (!series.containsKey("le")) {
          throw new IllegalArgumentException(f.name() + ": bucket without le");
        }
        series.remove("le");
        buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
      } else if (s.name().equals(f.name() + "_count")) {
        counts.put(series, s.value());
      }
    }
    buckets.forEach((series, list) -> {
      double lastLe = Double.NEGATIVE_INFINITY;
      double lastCount = 0;
      for (Sample b : list) {
        double le = value(b.labels().get("le"), f.name());
        if (le <= lastLe || b.value() < lastCount) {
          throw new IllegalArgumentException(f.name() + series + ": buckets not increasing at le=" + b.labels().get("le"));
        }
        lastLe = le;
        lastCount = b.value();
      }
      if (lastLe != Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(f.name() + series + ": no +Inf bucket");
      }
      if (!Double.valueOf(lastCount).equals(counts.get(series))) {
        throw new IllegalArgumentException(f.name() + series + ": +Inf bucket " + lastCount + " != _count " + counts.get(series));
      }
    });
  }

  public Optional<Family> family(String name) {
    return Optional.ofNullable(families.get(name));
  }

  public Map<String, Family> families() {
    return families;
  }

  /** The value of the sample {@code name} with exactly {@code labels} (name, value, name, value…). */
  public Optional<Double> value(String name, String... labels) {
    Map<String, String> wanted = new HashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    return families.values().stream().flatMap(f -> f.samples().stream())
        .filter(s -> s.name().equals(name) && s.labels().equals(wanted))
        .map(Sample::value).findFirst();
  }
}
