package io.webassist.bench;

import picocli.CommandLine;

/** {@code java -jar bench/target/bench.jar [scenario…] [--quick]}: the bench command on its own. */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }
}
