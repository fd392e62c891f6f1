package io.webassist.script.run;

import io.webassist.protocol.codec.NdjsonCodec;
import io.webassist.script.scenario.HostPort;
import io.webassist.script.transport.LineSecurity;
import java.time.Duration;
import java.util.Map;

/**
 * How scenarios run.
 *
 * @param server where {@code connect} without an address goes
 * @param defaultTimeout time limit of {@code expect}, {@code connect}, {@code accept} and
 *     {@code expect-closed} when the step gives none
 * @param maxLineLength longest line accepted from the other side, in bytes
 * @param variables values set before the scenario starts ({@code --var})
 * @param security TLS pinned to the server ({@code --server-fingerprint}) or plain ({@code --insecure})
 */
public record RunOptions(HostPort server, Duration defaultTimeout, int maxLineLength, Map<String, String> variables,
    LineSecurity security) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public RunOptions {
    variables = Map.copyOf(variables);
    if (security == null) {
      throw new IllegalArgumentException("choose LineSecurity.pinned(serverFingerprint) or LineSecurity.insecure()");
    }
  }

  public static RunOptions of(HostPort server, LineSecurity security) {
    return new RunOptions(server, DEFAULT_TIMEOUT, NdjsonCodec.DEFAULT_MAX_LINE_LENGTH, Map.of(), security);
  }

  public RunOptions withVariables(Map<String, String> values) {
    return new RunOptions(server, defaultTimeout, maxLineLength, values, security);
  }

  public RunOptions withDefaultTimeout(Duration value) {
    return new RunOptions(server, value, maxLineLength, variables, security);
  }
}
