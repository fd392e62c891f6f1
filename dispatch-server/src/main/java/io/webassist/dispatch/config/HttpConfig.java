package io.webassist.dispatch.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

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
 * @param publicBaseUrl the address people's browsers and launchers reach this HTTP port at, when
 *     that is not what they asked for — a server behind an HTTPS reverse proxy, say
 *     {@code https://help.example.com/webassist/}. The JNLP's {@code codebase} (and so its jar link)
 *     is made from it. Null means the Host header of each request, over http (https with {@code tls}).
 *     Normalised to end with {@code /}; only http and https, no query, fragment or user info.
 */
public record HttpConfig(Path clientJar, boolean tls, String publicBaseUrl) {

  /** System property naming the client jar when the configuration does not. */
  public static final String CLIENT_JAR_PROPERTY = "webassist.clientJar";

  public HttpConfig {
    publicBaseUrl = publicBaseUrl == null ? null : normaliseBaseUrl(publicBaseUrl);
  }

  public HttpConfig(Path clientJar) {
    this(clientJar, false, null);
  }

  public HttpConfig(Path clientJar, boolean tls) {
    this(clientJar, tls, null);
  }

  public HttpConfig(Path clientJar, String publicBaseUrl) {
    this(clientJar, false, publicBaseUrl);
  }

  public static HttpConfig defaults() {
    return new HttpConfig(null, false, null);
  }

  public HttpConfig withTls(boolean value) {
    return new HttpConfig(clientJar, value, publicBaseUrl);
  }

  public HttpConfig withPublicBaseUrl(String value) {
    return new HttpConfig(clientJar, tls, value);
  }

  /** {@code value} checked and ending with {@code /}; an IllegalArgumentException says what is wrong. */
  static String normaliseBaseUrl(String value) {
    String trimmed = value.strip();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a valid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("must be an http:// or https:// address, not '" + trimmed + "'");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("must be scheme://host[:port][/path] with no user, query or fragment");
    }
    return trimmed.endsWith("/") ? trimmed : trimmed + "/";
  }
}
