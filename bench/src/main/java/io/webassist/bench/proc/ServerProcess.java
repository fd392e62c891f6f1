package io.webassist.bench.proc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import io.webassist.dispatch.DispatchMain;
import io.webassist.dispatch.config.LimitsConfig;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * The dispatch server under test, in its own JVM (so the generator and the server do not share a
 * heap, and the server's memory per connection can be measured): started from the shaded
 * {@code dispatch-server.jar} when it is found, else from this JVM's class path, with a generated
 * configuration file. Logging is at {@code warn}: per-session info lines would measure the logger.
 */
public final class ServerProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChildProcess process;
  private final int tcpPort;
  private final Path jfrFile;

  private ServerProcess(ChildProcess process, int tcpPort, Path jfrFile) {
    this.process = process;
    this.tcpPort = tcpPort;
    this.jfrFile = jfrFile;
  }

  /** A configuration to start from: loopback, generous idle time, offers accepted at once by the generator. */
  public static ObjectNode baseConfig() {
    ObjectNode root = JSON.createObjectNode();
    root.put("bind", "127.0.0.1");
    root.put("availableOnLogin", true);
    ObjectNode limits = root.putObject("limits");
    limits.put("idleTimeoutMs", 600_000);
    limits.put("helloTimeoutMs", 60_000);
    limits.put("maxPendingLogins", 256);
    // Abuse limits (per-connection frame rate, connections per address…) exist to refuse strangers;
    // a load generator on loopback is one address sending far more than one user would. Raise those
    // this server version has (the config loader refuses fields it does not know).
    Map.of("framesPerSecond", 1_000_000, "frameBurst", 1_000_000, "maxRefusedFrames", 1_000_000,
            "maxConnectionsPerIp", 1_000_000, "maxConnections", 10_000_000, "maxPendingRequestsPerIp", 1_000_000,
            "loginFailuresPerAgent", 1_000_000, "loginFailuresPerIp", 1_000_000)
        .forEach(limits::put);
    root.putObject("queue").put("maxPerGroup", 1_000_000);
    return root;
  }

  /** Adds an agent; {@code passwordHash} from {@code PasswordHasher.hash(pw, 1000)} (made once, reused). */
  public static void addAgent(ObjectNode config, String id, List<String> groups, int maxSessions, String passwordHash) {
    ArrayNode agents = config.has("agents") ? (ArrayNode) config.get("agents") : config.putArray("agents");
    ObjectNode a = agents.addObject();
    a.put("id", id);
    ArrayNode g = a.putArray("groups");
    groups.forEach(g::add);
    a.put("maxSessions", maxSessions);
    a.put("passwordHash", passwordHash);
  }

  /**
   * Starts the server and waits until it listens. {@code jfr} non-null records a flight recording
   * (profile settings) into that file, written when the server stops.
   */
  public static ServerProcess start(BenchEnv env, String name, ObjectNode config, int openFiles, Path jfr)
      throws IOException, InterruptedException {
    Path dir = env.workDir();
    Features features = Features.of(env.serverJar());
    config = config.deepCopy();
    ((ObjectNode) config.get("limits")).retain(features.limitFields());
    Path configFile = dir.resolve(name + "-server.json");
    Files.writeString(configFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
    List<String> java = new ArrayList<>(List.of(ChildProcess.javaExecutable(),
        "-Xms256m", "-Xmx" + env.serverHeap(), "-XX:+UseG1GC",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dio.netty.leakDetection.level=disabled"));
    if (jfr != null) {
      java.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
    }
    Path jar = env.serverJar();
    if (jar != null) {
      java.addAll(List.of("-jar", jar.toString()));
    } else {
      java.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.webassist.dispatch.DispatchMain"));
    }
    java.addAll(List.of("--config", configFile.toString(), "--port", "0", "--http-port", "0", "--bind", "127.0.0.1"));
    String transport = System.getProperty(ChildProcess.TRANSPORT_PROPERTY);
    if (transport != null && features.transportOption()) {
      java.addAll(List.of("--transport", transport));
    }
    if (features.insecureOption()) {
      java.add("--insecure"); // plain TCP: the generator speaks NDJSON directly (TLS cost: docs/BENCHMARKS.md)
    }
    ChildProcess child = new ChildProcess("dispatch-" + name, ChildProcess.withFileLimit(openFiles, java),
        dir.resolve(name + "-server.log"), "dispatch listening", line -> { });
    try {
      String ready = child.awaitReady(90);
      int port = Integer.parseInt(ready.replaceAll(".*tcp=(\\d+).*", "$1"));
      return new ServerProcess(child, port, jfr);
    } catch (IOException | RuntimeException | InterruptedException e) {
      child.close();
      throw e;
    }
  }

  /**
   * What the server version that will run understands: the limit fields its config loader accepts
   * (it refuses unknown ones) and whether it has {@code --insecure}. Read by reflection from the
   * jar that will run (in its own class loader), or from this class path.
   */
  record Features(Set<String> limitFields, boolean insecureOption, boolean transportOption) {
    static Features of(Path jar) throws IOException {
      if (jar == null) {
        return of(LimitsConfig.class, DispatchMain.class);
      }
      try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
        return of(loader.loadClass(LimitsConfig.class.getName()), loader.loadClass(DispatchMain.class.getName()));
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IOException(jar + " does not look like the dispatch server jar: " + e, e);
      }
    }

    private static Features of(Class<?> limits, Class<?> main) {
      Set<String> fields = Arrays.stream(limits.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
      boolean insecure = hasOption(main, "--insecure");
      return new Features(fields, insecure, hasOption(main, "--transport"));
    }

    private static boolean hasOption(Class<?> main, String name) {
      return Arrays.stream(main.getDeclaredFields())
          .flatMap(f -> Arrays.stream(f.getAnnotations()))
          .anyMatch(a -> a.toString().contains("\"" + name + "\""));
    }
  }

  /** Starts a JFR recording (profile settings) in the running server: only what follows is recorded. */
  public void startRecording() throws IOException, InterruptedException {
    ProcessStats.jcmd(pid(), "JFR.start name=bench settings=profile");
  }

  /** Stops the recording started by {@link #startRecording} and writes it to {@code file}. */
  public Path stopRecording(Path file) throws IOException, InterruptedException {
    ProcessStats.jcmd(pid(), "JFR.stop name=bench filename=" + file);
    return file;
  }

  public int tcpPort() {
    return tcpPort;
  }

  public long pid() {
    return process.pid();
  }

  public Path jfrFile() {
    return jfrFile;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.close();
  }
}
