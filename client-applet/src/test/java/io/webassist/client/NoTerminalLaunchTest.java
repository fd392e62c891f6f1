package io.webassist.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The text client with nobody at a terminal ({@code --text --no-terminal}): with neither a name nor a
 * phone it refuses at once, saying what is missing, instead of waiting for input. (The window asks
 * instead: {@code io.webassist.client.ui.AssistWindowTest}.)
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
    int status = new CommandLine(new AssistClientMain()).execute("--text", "--no-terminal", "--insecure",
        "--server", "127.0.0.1:1", "--page-url", "http://shop.example/cart", "--customer", "acme-42");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("neither a name nor a phone number", "add name= or phone= to the help link", "the window asks");
  }

  @Test
  void aPhoneNumberTheAgentCouldNotCallIsRefusedAsTheWindowsFormWould() {
    int status = new CommandLine(new AssistClientMain()).execute("--text", "--no-terminal", "--insecure",
        "--server", "127.0.0.1:1", "--page-url", "http://shop.example/cart", "--customer", "acme-42",
        "--phone", "abc");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("client: Use digits, spaces and + ( ) - . / only.");
  }

  @Test
  void withoutADisplayTheWindowSaysSoAndPointsAtTextModeWithoutAStackTrace() throws Exception {
    // a JVM of its own, headless as a server or a CI job without Xvfb is
    Process client = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), AssistClientMain.class.getName(),
        "--insecure", "--server", "127.0.0.1:1", "--page-url", "http://shop.example/cart", "--customer", "acme-42")
        .redirectErrorStream(true).start();
    client.getOutputStream().close();
    String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(client.exitValue()).isEqualTo(2);
    assertThat(output).contains("no display", "--text").doesNotContain("Exception", "\tat ");
  }
}
