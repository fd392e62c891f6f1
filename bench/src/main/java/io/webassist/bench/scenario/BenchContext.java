package io.webassist.bench.scenario;

import io.webassist.bench.load.LoadGroup;
import io.webassist.bench.proc.BenchEnv;
import java.io.PrintWriter;

/**
 * What every scenario gets: the environment (paths, executables), the profile, the generator's
 * event loops, where to print progress, and whether to profile the server with JFR.
 */
public record BenchContext(BenchEnv env, Profile profile, LoadGroup load, PrintWriter out, boolean jfr) {

  public void progress(String message) {
    out.println("  .. " + message);
    out.flush();
  }
}
