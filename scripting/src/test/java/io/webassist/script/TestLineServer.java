package io.webassist.script;

import io.webassist.security.tls.TlsIdentity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A tiny NDJSON line server for tests, on blocking JDK sockets (deliberately not the tool's own
 * Netty transport), plain or TLS ({@link #startTls}, with a self-signed identity like the dispatch
 * server's): loopback, port 0, a thread per connection, and a {@link Handler} that decides what
 * each received line gets back.
 */
public final class TestLineServer implements AutoCloseable {

  /** What the server does with each line a client sends. */
  @FunctionalInterface
  public interface Handler {
    void onLine(Client client, String line) throws IOException;
  }

  /** One accepted connection. */
  public static final class Client {
    private final Socket socket;
    private final OutputStream out;

    Client(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
    }

    public synchronized void send(String line) throws IOException {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    public void close() throws IOException {
      socket.close();
    }
  }

  private final ServerSocket server;
  private final TlsIdentity identity;
  private final Handler handler;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<String> received = new CopyOnWriteArrayList<>();

  private TestLineServer(Handler handler, TlsIdentity identity) throws IOException {
    this.identity = identity;
    this.server = identity == null
        ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
        : tlsContext(identity).getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.handler = handler;
    Thread acceptor = new Thread(this::acceptLoop, "test-line-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static TestLineServer start(Handler handler) throws IOException {
    return new TestLineServer(handler, null);
  }

  /** A TLS server presenting a fresh self-signed certificate; see {@link #fingerprint()}. */
  public static TestLineServer startTls(Handler handler) throws IOException {
    return new TestLineServer(handler, TlsIdentity.selfSigned("localhost"));
  }

  /** The fingerprint a client pins ({@code --server-fingerprint}); null for a plain server. */
  public String fingerprint() {
    return identity == null ? null : identity.fingerprint();
  }

  private static SSLContext tlsContext(TlsIdentity identity) throws IOException {
    try {
      char[] password = "test".toCharArray();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("server", identity.privateKey(), password, identity.chain().toArray(new X509Certificate[0]));
      KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      managers.init(keys, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(managers.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** A server that sends every line straight back. */
  public static TestLineServer echo() throws IOException {
    return start(Client::send);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** {@code 127.0.0.1:port}, as {@code --server} takes it. */
  public String address() {
    return "127.0.0.1:" + port();
  }

  /** Every line any client sent, in arrival order. */
  public List<String> received() {
    return received;
  }

  /** How many connections are open now. */
  public long openConnections() {
    return sockets.stream().filter(s -> !s.isClosed()).count();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        Thread reader = new Thread(() -> serve(socket), "test-line-client");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket; BufferedReader in = new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      Client client = new Client(socket);
      String line;
      while ((line = in.readLine()) != null) {
        received.add(line);
        handler.onLine(client, line);
      }
    } catch (IOException e) {
      // the client went away or the test closed the socket
    }
  }

  @Override
  public void close() {
    try {
      server.close();
      for (Socket socket : sockets) {
        socket.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
