package io.webassist.link.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder that stands for the network between agent and user, so a test can cut the direct
 * link as a failing router would: every connection through it drops and no new one gets through.
 */
public final class CuttableProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  public CuttableProxy(int targetPort) {
    this.targetPort = targetPort;
    try {
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    daemon("proxy-accept", this::acceptLoop);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Drops every connection through the proxy and refuses new ones. */
  public void cut() {
    close();
  }

  /** Drops every connection through the proxy, as a brief outage would; new ones get through. */
  public void dropConnections() {
    sockets.forEach(CuttableProxy::closeQuietly);
    sockets.clear();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket in = server.accept();
        Socket out = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(in);
        sockets.add(out);
        daemon("proxy-up", () -> pump(in, out));
        daemon("proxy-down", () -> pump(out, in));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the cut, or one side closed: the other copy loop ends too once its socket closes
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    closeQuietly(server);
    sockets.forEach(CuttableProxy::closeQuietly);
  }
}
