package io.webassist.dispatch.config;

import java.nio.file.Path;

/**
 * How the TCP listener (users, agents and the relay, all on one port) is protected: TLS with the
 * operator's certificate and key, TLS with a self-signed identity the server makes on its first
 * start and keeps, or — only when asked for explicitly with {@code --insecure} or
 * {@code "enabled": false} — plain TCP. Clients pin the certificate's SHA-256 fingerprint, which the
 * server prints at every start, so a self-signed certificate is as good as a bought one here.
 * The HTTP listener stays plain: it serves only health, metrics and the demo site, no personal data.
 *
 * @param enabled false for plain TCP
 * @param certFile the operator's PEM certificate (optionally followed by intermediates); with
 *     {@code keyFile}, or null for the self-signed identity in {@code dataDir}
 * @param keyFile the operator's unencrypted PKCS#8 PEM key; with {@code certFile}, or null
 * @param dataDir where the self-signed identity is created on first start and found afterwards
 *     ({@code cert.pem}, {@code key.pem} with mode 600); relative to the working directory
 * @param commonName the self-signed certificate's common name; null means {@code publicHost}, or
 *     {@value #DEFAULT_COMMON_NAME} without one. Used only when the identity is created.
 */
public record TlsConfig(boolean enabled, Path certFile, Path keyFile, Path dataDir, String commonName) {

  public static final Path DEFAULT_DATA_DIR = Path.of("webassist-data", "tls");
  public static final String DEFAULT_COMMON_NAME = "localhost";

  public TlsConfig {
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException(certFile == null
          ? "tls.certFile is required when tls.keyFile is given"
          : "tls.keyFile is required when tls.certFile is given");
    }
    dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
    commonName = commonName == null || commonName.isBlank() ? null : commonName;
  }

  /** TLS with the self-signed identity kept in {@link #DEFAULT_DATA_DIR}: what a new installation runs with. */
  public static TlsConfig defaults() {
    return selfSigned(DEFAULT_DATA_DIR);
  }

  /** TLS with the self-signed identity kept in {@code dataDir}, made there on first start. */
  public static TlsConfig selfSigned(Path dataDir) {
    return new TlsConfig(true, null, null, dataDir, null);
  }

  /** TLS with the operator's certificate (chain) and key, both PEM. */
  public static TlsConfig pem(Path certFile, Path keyFile) {
    return new TlsConfig(true, certFile, keyFile, DEFAULT_DATA_DIR, null);
  }

  /** Plain TCP: names, phones and chats cross the network in clear. For development and tests only. */
  public static TlsConfig disabled() {
    return new TlsConfig(false, null, null, DEFAULT_DATA_DIR, null);
  }

  /** Whether the operator's PEM files are used (else the self-signed identity in {@link #dataDir}). */
  public boolean usesPemFiles() {
    return certFile != null;
  }

  public TlsConfig withEnabled(boolean value) {
    return new TlsConfig(value, certFile, keyFile, dataDir, commonName);
  }

  public TlsConfig withDataDir(Path value) {
    return new TlsConfig(enabled, certFile, keyFile, value, commonName);
  }

  public TlsConfig withCommonName(String value) {
    return new TlsConfig(enabled, certFile, keyFile, dataDir, value);
  }

  /** The common name a self-signed identity gets: {@link #commonName}, else {@code publicHost}, else localhost. */
  public String commonNameFor(String publicHost) {
    if (commonName != null) {
      return commonName;
    }
    return publicHost != null && !publicHost.isBlank() ? publicHost : DEFAULT_COMMON_NAME;
  }
}
