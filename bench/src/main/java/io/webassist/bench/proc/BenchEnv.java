package io.webassist.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmark finds what it starts and puts what it writes.
 *
 * @param workDir result files, generated configs and child logs go here
 * @param serverJar the shaded dispatch server jar; null: start it from this JVM's class path
 * @param mosquitto the mosquitto executable; null when it is not installed
 * @param serverHeap {@code -Xmx} of the server JVM
 */
public record BenchEnv(Path workDir, Path serverJar, Path mosquitto, String serverHeap) {

  /** Looks for {@code dispatch-server/target/dispatch-server.jar} from the current directory upwards, and mosquitto on the usual paths. */
  public static BenchEnv discover(Path workDir, Path serverJar, Path mosquitto, String heap) throws IOException {
    Files.createDirectories(workDir);
    Path jar = serverJar;
    if (jar == null) {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null && jar == null; dir = dir.getParent()) {
        Path candidate = dir.resolve("dispatch-server/target/dispatch-server.jar");
        if (Files.isRegularFile(candidate)) {
          jar = candidate;
        }
      }
    }
    Path mq = mosquitto;
    if (mq == null) {
      for (String p : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
        if (Files.isExecutable(Path.of(p))) {
          mq = Path.of(p);
          break;
        }
      }
    }
    return new BenchEnv(workDir, jar, mq, heap);
  }
}
