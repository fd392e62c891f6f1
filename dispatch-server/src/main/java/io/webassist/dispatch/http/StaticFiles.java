package io.webassist.dispatch.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files of the demo site, from the class-path folder {@code demo-site/}. A file is read from the
 * class path on its first request and kept in memory (the site is a few small files); a path with
 * no file is not kept, so strangers asking for endless made-up paths cost nothing lasting.
 * Paths with {@code ..}, backslashes or hidden segments are refused.
 */
final class StaticFiles {

  /** A file's bytes and content type. */
  record StaticFile(byte[] content, String contentType) {}

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("json", "application/json"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("jnlp", "application/x-java-jnlp-file"),
      Map.entry("txt", "text/plain; charset=utf-8"));

  private final String root;
  private final Map<String, StaticFile> cache = new ConcurrentHashMap<>();

  StaticFiles(String root) {
    this.root = root.endsWith("/") ? root : root + "/";
  }

  /** The file for a URL path such as {@code /} or {@code /css/site.css}, if there is one. */
  Optional<StaticFile> find(String urlPath) {
    String path = urlPath.endsWith("/") ? urlPath + "index.html" : urlPath;
    if (!path.startsWith("/") || path.contains("..") || path.contains("\\") || path.contains("/.")
        || path.length() > 512) {
      return Optional.empty();
    }
    StaticFile known = cache.get(path);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<StaticFile> loaded = load(path);
    loaded.ifPresent(file -> cache.put(path, file));
    return loaded;
  }

  private Optional<StaticFile> load(String path) {
    String resource = root + path.substring(1);
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(new StaticFile(in.readAllBytes(), typeOf(path)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static String typeOf(String path) {
    int dot = path.lastIndexOf('.');
    String ext = dot < 0 ? "" : path.substring(dot + 1);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }
}
