package io.webassist.security.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.webassist.security.signing.CustomerIdVerifier.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shell recipe in SIGNING.md, run as written, makes signatures the server accepts. Skipped
 * when {@code sh} or {@code openssl} is absent.
 */
class SigningRecipeTest {

  static final String KNOWN_SECRET = "0123456789abcdef0123456789abcdef";
  static final long KNOWN_EXPIRES = 1798761600L; // 2027-01-01T00:00:00Z
  static final String KNOWN_SIGNATURE = "1798761600.FR13quG8qOHT_mBLb9UVXAIZ1axryJ_7xvqfEls5xPw";

  /** The one-liner from SIGNING.md, with its variables set by the shell before it. */
  private static final String RECIPE =
      "printf '%s\\n%s' \"$CUSTOMER_ID\" \"$EXPIRES\" | openssl dgst -sha256 -hmac \"$SECRET\" -binary"
          + " | openssl base64 -A | tr '+/' '-_' | tr -d '='";

  @Test
  void opensslOneLinerIsAcceptedByTheVerifier() throws Exception {
    assumeTrue(commandWorks("openssl", "version"), "openssl not installed");
    String secret = "s3cret-shared-with-the-dispatch-server";
    long expires = Instant.now().plusSeconds(600).getEpochSecond();

    String mac = runRecipe(secret, "acme-42", expires);

    CustomerIdVerifier verifier = new CustomerIdVerifier(secret.getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify("acme-42", expires + "." + mac)).isEqualTo(Result.VALID);
  }

  @Test
  void opensslOneLinerGivesTheKnownAnswer() throws Exception {
    assumeTrue(commandWorks("openssl", "version"), "openssl not installed");

    String mac = runRecipe(KNOWN_SECRET, "acme-42", KNOWN_EXPIRES);

    assertThat(KNOWN_EXPIRES + "." + mac).isEqualTo(KNOWN_SIGNATURE);
    CustomerIdVerifier verifier = new CustomerIdVerifier(KNOWN_SECRET.getBytes(StandardCharsets.UTF_8),
        Clock.fixed(Instant.ofEpochSecond(KNOWN_EXPIRES - 1), ZoneOffset.UTC));
    assertThat(verifier.verify("acme-42", KNOWN_SIGNATURE)).isEqualTo(Result.VALID);
  }

  @Test
  void recipeInSigningMdIsTheOneTested() throws IOException {
    Path doc = Path.of("SIGNING.md");
    assumeTrue(Files.exists(doc), "run from the module directory");

    assertThat(Files.readString(doc)).contains(RECIPE).contains(KNOWN_SIGNATURE);
  }

  private static String runRecipe(String secret, String customerId, long expires) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", RECIPE).redirectErrorStream(true);
    builder.environment().put("SECRET", secret);
    builder.environment().put("CUSTOMER_ID", customerId);
    builder.environment().put("EXPIRES", Long.toString(expires));
    Process process = builder.start();
    process.getOutputStream().close();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private static boolean commandWorks(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
