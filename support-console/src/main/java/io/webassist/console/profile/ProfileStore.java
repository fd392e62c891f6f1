package io.webassist.console.profile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-user profile folder ({@code ~/.webassist} unless overridden by {@code --profile-dir} or the
 * {@code webassist.profile.dir} system property) and its {@code console.json}. A missing or unreadable
 * file reads as an empty profile (said in the log), so a broken file never stops a login. Blocking file
 * I/O: call off the EDT.
 */
public final class ProfileStore {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);
  public static final String FILE_NAME = "console.json";

  private final Path file;
  private final ObjectMapper json = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .enable(SerializationFeature.INDENT_OUTPUT);

  public ProfileStore(Path directory) {
    this.file = directory.resolve(FILE_NAME);
  }

  /** The folder {@code dir} if given, else the system property, else {@code ~/.webassist}. */
  public static ProfileStore at(Path dir) {
    if (dir != null) {
      return new ProfileStore(dir);
    }
    String property = System.getProperty("webassist.profile.dir");
    return new ProfileStore(property != null ? Path.of(property)
        : Path.of(System.getProperty("user.home"), ".webassist"));
  }

  public Path file() {
    return file;
  }

  public ConsoleProfile load() {
    if (!Files.isRegularFile(file)) {
      return ConsoleProfile.EMPTY;
    }
    try {
      ConsoleProfile read = json.readValue(file.toFile(), ConsoleProfile.class);
      return read == null ? ConsoleProfile.EMPTY : read;
    } catch (IOException e) {
      LOG.warn("console profile unreadable, starting empty file={} reason={}", file, e.getMessage());
      return ConsoleProfile.EMPTY;
    }
  }

  /** Writes the profile (to a temporary file first, so a crash never leaves half a file). */
  public void save(ConsoleProfile profile) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), "console", ".json.tmp");
    json.writeValue(temp.toFile(), profile);
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
