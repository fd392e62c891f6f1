package io.webassist.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Launched from the page (claim 97) there is nobody at a terminal: with neither a name nor a phone
 * from the page the client refuses at once, saying what the link lacks, instead of waiting for input.
 */
class NoTerminalLaunchTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureErr() {
    originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreErr() {
    System.setErr(originalErr);
  }

  @Test
  void withoutNameOrPhoneAndNoTerminalTheClientRefusesSayingWhatTheLinkLacks() {
    int status = new CommandLine(new AssistClientMain()).execute("--no-terminal", "--insecure",
        "--server", "127.0.0.1:1", "--page-url", "http://shop.example/cart", "--customer", "acme-42");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("neither a name nor a phone number", "add name= or phone= to the help link");
  }
}
