package io.webassist.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code openssl} command line tool for cross-checks; tests skip themselves when it is absent. */
public final class OpenSsl {

  private OpenSsl() {}

  public static boolean available() {
    try {
      return run(null, "version").exitCode() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs {@code openssl args…} with {@code stdin} (or nothing), waiting at most 20 s. */
  public static Result run(String stdin, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Path output = Files.createTempFile("openssl", ".out");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      try (var in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          throw new IOException("openssl " + String.join(" ", args) + " did not finish in 20 s");
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** Exit code and the merged stdout and stderr. */
  public record Result(int exitCode, String output) {}
}
