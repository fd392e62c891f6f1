package io.webassist.bench.scenario;

import io.webassist.bench.report.Report;

/** One benchmark scenario; starts and stops everything it needs. */
public interface Scenario {

  String name();

  Report run(BenchContext context) throws Exception;
}
