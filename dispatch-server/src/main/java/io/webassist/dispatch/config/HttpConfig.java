package io.webassist.dispatch.config;

import java.nio.file.Path;

/**
 * The HTTP listener's settings beyond its port.
 *
 * @param clientJar the signed assist client jar served at {@code /client/webassist-client.jar} and
 *     launched by {@code /assist.jnlp} (claims 72, 77, 80, 85); null means "find it": the system
 *     property {@value #CLIENT_JAR_PROPERTY}, then {@code webassist-client.jar} next to the server's
 *     jar, then the build's {@code client-applet/target/webassist-client.jar}
 * @param tls whether the HTTP listener speaks TLS (HTTPS, and {@code wss} for the page bridge), with
 *     the same identity as the TCP listener ({@link TlsConfig}): pages served over HTTPS can open only
 *     {@code wss} sockets. Needs TLS on.
 */
public record HttpConfig(Path clientJar, boolean tls) {

  /** System property naming the client jar when the configuration does not. */
  public static final String CLIENT_JAR_PROPERTY = "webassist.clientJar";

  public HttpConfig(Path clientJar) {
    this(clientJar, false);
  }

  public static HttpConfig defaults() {
    return new HttpConfig(null, false);
  }

  public HttpConfig withTls(boolean value) {
    return new HttpConfig(clientJar, value);
  }
}
