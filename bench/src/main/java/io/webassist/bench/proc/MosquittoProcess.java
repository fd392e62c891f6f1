package io.webassist.bench.proc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Mosquitto on a loopback port, from a generated configuration: no persistence, no logging, anonymous
 * clients allowed (loopback only). Never installed by the benchmark: absent means "not measured".
 */
public final class MosquittoProcess implements AutoCloseable {

  public static final String INSTALL_HINT = "mosquitto is not installed; to measure it: apt-get install -y mosquitto";

  private final ChildProcess process;
  private final int port;

  private MosquittoProcess(ChildProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  public static MosquittoProcess start(BenchEnv env, int openFiles) throws IOException, InterruptedException {
    if (env.mosquitto() == null) {
      throw new IOException(INSTALL_HINT);
    }
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path config = env.workDir().resolve("mosquitto.conf");
    Files.writeString(config, String.join("\n",
        "listener " + port + " 127.0.0.1",
        "allow_anonymous true",
        "persistence false",
        "log_type none",
        "log_dest none",
        "max_queued_messages 100000",
        "max_inflight_messages 0",
        "") );
    ChildProcess child = new ChildProcess("mosquitto", ChildProcess.withFileLimit(openFiles,
        List.of(env.mosquitto().toString(), "-c", config.toString())),
        env.workDir().resolve("mosquitto.log"), null, line -> { });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (java.net.Socket probe = new java.net.Socket()) {
        probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1_000);
        return new MosquittoProcess(child, port);
      } catch (IOException notYet) {
        if (!child.isAlive()) {
          break;
        }
        Thread.sleep(50);
      }
    }
    child.close();
    throw new IOException("mosquitto did not start on port " + port + "; see " + env.workDir().resolve("mosquitto.log"));
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.close();
  }
}
