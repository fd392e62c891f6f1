package io.webassist.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: a configuration the server refuses is reported plainly, with exit status 2. */
class DispatchMainTest {

  @TempDir
  Path dir;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new DispatchMain());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  @Test
  void badConfigPrintsFileFieldAndProblemWithoutAStackTraceAndExitsWith2() throws Exception {
    Path file = dir.resolve("webassist.json");
    Files.writeString(file, "{\"agents\": [{\"id\": \"ann\", \"groups\": [\"general\"], \"passwordHash\": \"hunter2\"}]}");

    int status = run("--config", file.toString());

    assertThat(status).isEqualTo(DispatchMain.BAD_CONFIG);
    assertThat(err.toString().strip()).isEqualTo(
        file + ": agents[0].passwordHash: must be a PBKDF2 hash made by ./webassist hash-password");
  }

  @Test
  void missingConfigFileExitsWith2() {
    int status = run("--config", dir.resolve("missing.json").toString());

    assertThat(status).isEqualTo(DispatchMain.BAD_CONFIG);
    assertThat(err.toString()).contains("missing.json: file not found").doesNotContain("\tat ");
  }

  @Test
  void badPortOnTheCommandLineExitsWith2() {
    int status = run("--port", "70000");

    assertThat(status).isEqualTo(DispatchMain.BAD_CONFIG);
    assertThat(err.toString()).contains("tcpPort must be 0-65535");
  }
}
