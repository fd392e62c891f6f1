package io.webassist.dispatch.http;

import io.webassist.dispatch.DispatchServer;
import io.webassist.dispatch.config.HttpConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed assist client jar that {@code /assist.jnlp} launches and {@code /client/webassist-client.jar}
 * serves (claims 72, 77, 80, 85). Found once, when the server starts, and read into memory then, so
 * serving it never touches the disk on an event loop; replacing the jar takes a restart. Where it is
 * looked for, first match wins: {@code http.clientJar} of the configuration, the system property
 * {@value HttpConfig#CLIENT_JAR_PROPERTY}, {@value #FILE_NAME} next to the server's own jar, and the
 * build tree's {@code client-applet/target/webassist-client.jar} (for a server run from
 * {@code <checkout>/<module>/target/*.jar}). With none, the JNLP endpoint answers 503.
 *
 * @param path where it was read from
 * @param content its bytes
 * @param lastModified its modification time, epoch millis (for {@code Last-Modified})
 */
public record ClientJar(Path path, byte[] content, long lastModified) {

  /** The jar's file name, and the last segment of the URL it is served at. */
  public static final String FILE_NAME = "webassist-client.jar";
  /** The URL path the jar is served at. */
  public static final String URL_PATH = "/client/" + FILE_NAME;

  private static final Logger LOG = LoggerFactory.getLogger(ClientJar.class);

  /** Finds and reads the jar as the class comment says; empty (and a warning logged) when there is none. */
  public static Optional<ClientJar> locate(HttpConfig config) {
    List<Path> candidates = candidates(config);
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        try {
          ClientJar jar = new ClientJar(candidate.toAbsolutePath().normalize(), Files.readAllBytes(candidate),
              Files.getLastModifiedTime(candidate).toMillis());
          LOG.info("client jar path={} bytes={}", jar.path(), jar.content().length);
          return Optional.of(jar);
        } catch (IOException e) {
          LOG.warn("client jar unreadable path={} reason={}", candidate, e.toString());
          return Optional.empty();
        }
      }
      if (config.clientJar() != null) {
        break; // the operator named a file: do not quietly serve another one
      }
    }
    if (config.clientJar() != null) {
      LOG.warn("client jar not found path={}: /assist.jnlp answers 503", config.clientJar());
    } else {
      LOG.info("no client jar found: /assist.jnlp answers 503 until http.clientJar names one looked={}", candidates);
    }
    return Optional.empty();
  }

  private static List<Path> candidates(HttpConfig config) {
    List<Path> candidates = new ArrayList<>();
    if (config.clientJar() != null) {
      candidates.add(config.clientJar());
      return candidates;
    }
    String property = System.getProperty(HttpConfig.CLIENT_JAR_PROPERTY);
    if (property != null && !property.isBlank()) {
      candidates.add(Path.of(property));
    }
    serverJarFolder().ifPresent(folder -> {
      candidates.add(folder.resolve(FILE_NAME));
      if (folder.getFileName() != null && folder.getFileName().toString().equals("target") && folder.getParent() != null
          && folder.getParent().getParent() != null) {
        candidates.add(folder.getParent().getParent().resolve("client-applet").resolve("target").resolve(FILE_NAME));
      }
    });
    return candidates;
  }

  /** The folder of the jar this server runs from; empty when it runs from classes (tests, IDE). */
  private static Optional<Path> serverJarFolder() {
    try {
      CodeSource source = DispatchServer.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return Optional.empty();
      }
      Path location = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(location) ? Optional.ofNullable(location.getParent()) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return Optional.empty();
    }
  }
}
