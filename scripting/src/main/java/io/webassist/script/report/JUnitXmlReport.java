package io.webassist.script.report;

import io.webassist.script.run.Outcome;
import io.webassist.script.run.Result;
import io.webassist.script.run.StepResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes the JUnit-XML report CI systems show: one {@code <testsuite>} per scenario file, one
 * {@code <testcase>} per step (named by its line and text), so a CI page points at the failing line.
 * A failed expectation is a {@code <failure>} with the diff as its text; a server that cannot be
 * reached or a file that does not parse is an {@code <error>}; steps after a failure are {@code <skipped>}.
 */
public final class JUnitXmlReport {

  private JUnitXmlReport() {}

  public static void write(List<Result> results, Path file) throws IOException {
    Document doc = newDocument();
    Element suites = doc.createElement("testsuites");
    suites.setAttribute("name", "webassist script");
    doc.appendChild(suites);
    int tests = 0;
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    Duration total = Duration.ZERO;
    for (Result result : results) {
      Element suite = suite(doc, result);
      suites.appendChild(suite);
      tests += Integer.parseInt(suite.getAttribute("tests"));
      failures += Integer.parseInt(suite.getAttribute("failures"));
      errors += Integer.parseInt(suite.getAttribute("errors"));
      skipped += Integer.parseInt(suite.getAttribute("skipped"));
      total = total.plus(result.took());
    }
    counts(suites, tests, failures, errors, skipped, total);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      Transformer transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.transform(new DOMSource(doc), new StreamResult(out));
    } catch (TransformerException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static Element suite(Document doc, Result result) {
    Element suite = doc.createElement("testsuite");
    suite.setAttribute("name", result.name());
    suite.setAttribute("file", String.valueOf(result.file()));
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    if (!result.problem().isEmpty()) {
      Element testcase = doc.createElement("testcase");
      testcase.setAttribute("classname", result.name());
      testcase.setAttribute("name", "scenario file");
      testcase.setAttribute("time", "0");
      Element error = doc.createElement("error");
      error.setAttribute("message", "scenario file cannot be used");
      error.setAttribute("type", "scenario");
      error.setTextContent(result.problem());
      testcase.appendChild(error);
      suite.appendChild(testcase);
      counts(suite, 1, 0, 1, 0, Duration.ZERO);
      return suite;
    }
    for (StepResult step : result.steps()) {
      suite.appendChild(testcase(doc, result, step));
      switch (step.outcome()) {
        case FAILED -> failures++;
        case ERROR -> errors++;
        case SKIPPED -> skipped++;
        default -> { }
      }
    }
    counts(suite, result.steps().size(), failures, errors, skipped, result.took());
    return suite;
  }

  private static Element testcase(Document doc, Result result, StepResult step) {
    Element testcase = doc.createElement("testcase");
    testcase.setAttribute("classname", result.name());
    testcase.setAttribute("name", "line " + step.step().source().line() + ": " + StepText.clip(StepText.of(step.step()), 200));
    testcase.setAttribute("file", String.valueOf(step.step().source().file()));
    testcase.setAttribute("line", Integer.toString(step.step().source().line()));
    testcase.setAttribute("time", seconds(step.took()));
    if (step.outcome() == Outcome.FAILED || step.outcome() == Outcome.ERROR) {
      Element problem = doc.createElement(step.outcome() == Outcome.FAILED ? "failure" : "error");
      problem.setAttribute("message", step.summary());
      problem.setAttribute("type", step.outcome() == Outcome.FAILED ? "expectation" : "environment");
      problem.setTextContent(step.step().source().location() + ": " + step.summary() + "\n" + step.detail());
      testcase.appendChild(problem);
    } else if (step.outcome() == Outcome.SKIPPED) {
      Element skipped = doc.createElement("skipped");
      skipped.setAttribute("message", step.summary());
      testcase.appendChild(skipped);
    } else {
      Element out = doc.createElement("system-out");
      out.setTextContent(step.summary());
      testcase.appendChild(out);
    }
    return testcase;
  }

  private static void counts(Element element, int tests, int failures, int errors, int skipped, Duration time) {
    element.setAttribute("tests", Integer.toString(tests));
    element.setAttribute("failures", Integer.toString(failures));
    element.setAttribute("errors", Integer.toString(errors));
    element.setAttribute("skipped", Integer.toString(skipped));
    element.setAttribute("time", seconds(time));
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
  }

  private static Document newDocument() throws IOException {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IOException("no XML support: " + e.getMessage(), e);
    }
  }
}
