package io.webassist.dispatch.config;

import java.nio.file.Path;

/**
 * The HTTP listener's settings beyond its port.
 *
 * @param clientJar the signed assist client jar served at {@code /client/webassist-client.jar} and
 *     launched by {@code /assist.jnlp} (claims 72, 77, 80, 85); null means "find it": the system
 *     property {@value #CLIENT_JAR_PROPERTY}, then {@code webassist-client.jar} next to the server's
 *     jar, then the build's {@code client-applet/target/webassist-client.jar}
 */
public record HttpConfig(Path clientJar) {

  /** System property naming the client jar when the configuration does not. */
  public static final String CLIENT_JAR_PROPERTY = "webassist.clientJar";

  public static HttpConfig defaults() {
    return new HttpConfig(null);
  }
}
