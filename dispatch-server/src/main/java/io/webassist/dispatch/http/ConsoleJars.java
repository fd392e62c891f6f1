package io.webassist.dispatch.http;

import io.webassist.dispatch.DispatchServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed jars {@code /console.jnlp} launches (claims 97, 108): a folder as the
 * {@code console-webstart} module builds it — {@value #MAIN_JAR} and {@code javafx/<os>-<arch>/*.jar},
 * the page engine's jars for each platform the build produced (the five below). Served under
 * {@value #URL_PREFIX}; a URL names one of the files found at start, nothing else on disk is reachable.
 *
 * <p>Where the folder is looked for, first match wins: the system property {@value #PROPERTY},
 * {@code console-webstart/} next to the server's jar, and the build tree's
 * {@code console-webstart/target/webstart} (for a server run from {@code <checkout>/<module>/target/*.jar}).
 * With none, {@code /console.jnlp} answers 503 and says so.
 *
 * <p>The files are memory-mapped when the server starts, not read: the JavaFX jars are about 56 MB,
 * which the operating system pages in only when an agent's launcher downloads them, and serving them
 * never reads a file on an event loop. Replacing them takes a restart.
 */
final class ConsoleJars {

  /** System property naming the folder. */
  static final String PROPERTY = "webassist.consoleWebstart";
  static final String MAIN_JAR = "webassist-console.jar";
  static final String URL_PREFIX = "/console/";

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleJars.class);
  /** Folder names under javafx/ → the JNLP's os and arch values (as IcedTea-Web and OpenWebStart match them). */
  private static final Map<String, String[]> PLATFORMS = Map.of(
      "linux-amd64", new String[] {"Linux", "amd64"},
      "linux-aarch64", new String[] {"Linux", "aarch64"},
      "windows-amd64", new String[] {"Windows", "amd64"},
      "mac-amd64", new String[] {"Mac OS X", "x86_64"},
      "mac-aarch64", new String[] {"Mac OS X", "aarch64"});

  /** One served file. */
  record Jar(ByteBuffer content, long lastModified) {}

  /** The page engine's jars for one platform, as URL paths relative to the codebase. */
  record Platform(String os, String arch, List<String> jars) {}

  private final Path folder;
  private final Map<String, Jar> byUrlPath;
  private final List<Platform> platforms;

  private ConsoleJars(Path folder, Map<String, Jar> byUrlPath, List<Platform> platforms) {
    this.folder = folder;
    this.byUrlPath = byUrlPath;
    this.platforms = platforms;
  }

  Path folder() {
    return folder;
  }

  /** The console jar's URL path relative to the codebase ({@code console/webassist-console.jar}). */
  String mainJar() {
    return URL_PREFIX.substring(1) + MAIN_JAR;
  }

  List<Platform> platforms() {
    return platforms;
  }

  /** The file served at {@code urlPath}, if it is one of this folder's jars. */
  Optional<Jar> jar(String urlPath) {
    return Optional.ofNullable(byUrlPath.get(urlPath));
  }

  /** Finds and maps the folder as the class comment says; empty (and logged) when there is none. */
  static Optional<ConsoleJars> locate() {
    for (Path candidate : candidates()) {
      if (Files.isRegularFile(candidate.resolve(MAIN_JAR))) {
        try {
          return Optional.of(load(candidate.toAbsolutePath().normalize()));
        } catch (IOException e) {
          LOG.warn("console jars unreadable folder={} reason={}", candidate, e.toString());
          return Optional.empty();
        }
      }
    }
    LOG.info("no console jars found: /console.jnlp answers 503 until -D{} names the folder", PROPERTY);
    return Optional.empty();
  }

  static ConsoleJars load(Path folder) throws IOException {
    Map<String, Jar> files = new LinkedHashMap<>();
    files.put(URL_PREFIX + MAIN_JAR, map(folder.resolve(MAIN_JAR)));
    List<Platform> platforms = new ArrayList<>();
    Path javafx = folder.resolve("javafx");
    for (Map.Entry<String, String[]> platform : new java.util.TreeMap<>(PLATFORMS).entrySet()) {
      Path dir = javafx.resolve(platform.getKey());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<String> jars = new ArrayList<>();
      try (Stream<Path> list = Files.list(dir)) {
        for (Path jar : list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
            .sorted().toList()) {
          String urlPath = URL_PREFIX + "javafx/" + platform.getKey() + "/" + jar.getFileName();
          files.put(urlPath, map(jar));
          jars.add(urlPath.substring(1));
        }
      }
      if (!jars.isEmpty()) {
        platforms.add(new Platform(platform.getValue()[0], platform.getValue()[1], List.copyOf(jars)));
      }
    }
    long bytes = files.values().stream().mapToLong(j -> j.content().capacity()).sum();
    LOG.info("console jars folder={} files={} bytes={} platforms={}", folder, files.size(), bytes,
        platforms.stream().map(p -> p.os() + "/" + p.arch()).toList());
    return new ConsoleJars(folder, Collections.unmodifiableMap(files), List.copyOf(platforms));
  }

  private static Jar map(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer content = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
      return new Jar(content.asReadOnlyBuffer(), Files.getLastModifiedTime(file).toMillis());
    }
  }

  private static List<Path> candidates() {
    List<Path> candidates = new ArrayList<>();
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      candidates.add(Path.of(property));
      return candidates; // the operator named a folder: do not quietly serve another one
    }
    serverJarFolder().ifPresent(folder -> {
      candidates.add(folder.resolve("console-webstart"));
      if (folder.getFileName() != null && folder.getFileName().toString().equals("target") && folder.getParent() != null
          && folder.getParent().getParent() != null) {
        candidates.add(folder.getParent().getParent().resolve("console-webstart").resolve("target").resolve("webstart"));
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
