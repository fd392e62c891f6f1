package io.webassist.dispatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.JdkSslContext;
import io.webassist.protocol.codec.FrameDecodingException;
import io.webassist.protocol.codec.FrameMapper;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.QueueStatus;
import io.webassist.security.tls.TlsContexts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A tester's {@code nc}: a plain socket that writes NDJSON lines and reads them back, so the
 * integration tests drive the server exactly as the wire contract says. {@link #pinned} makes the
 * same over TLS, trusting exactly one certificate fingerprint ({@code openssl s_client} with a pin).
 */
public final class LineClient implements AutoCloseable {

  private static final int READ_TIMEOUT_MS = 10_000;

  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;

  public LineClient(int port) {
    this(port, null);
  }

  /** Connects from {@code fromAddress} (e.g. 127.0.0.7: every 127/8 address is this machine), or any when null. */
  public LineClient(int port, String fromAddress) {
    this(connect(port, fromAddress));
  }

  private LineClient(Socket socket) {
    this.socket = socket;
    try {
      socket.setSoTimeout(READ_TIMEOUT_MS);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Connects over TLS, accepting only the server whose certificate has {@code fingerprint}: the
   * trust rule of {@link TlsContexts#pinnedClient}, on a blocking socket. Returns once the
   * handshake is done.
   *
   * @throws UncheckedIOException with the {@link javax.net.ssl.SSLHandshakeException} when the pin
   *     does not match or the server does not finish the handshake
   */
  public static LineClient pinned(int port, String fromAddress, String fingerprint) {
    SSLContext context = ((JdkSslContext) TlsContexts.pinnedClient(fingerprint)).context();
    Socket plain = connect(port, fromAddress);
    try {
      plain.setSoTimeout(READ_TIMEOUT_MS);
      SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
      tls.setEnabledProtocols(TlsContexts.PROTOCOLS.toArray(String[]::new));
      tls.startHandshake();
      return new LineClient(tls);
    } catch (IOException e) {
      closeQuietly(plain);
      throw new UncheckedIOException(e);
    }
  }

  public static LineClient pinned(int port, String fingerprint) {
    return pinned(port, null, fingerprint);
  }

  private static Socket connect(int port, String fromAddress) {
    Socket socket = new Socket();
    try {
      if (fromAddress != null) {
        socket.bind(new InetSocketAddress(fromAddress, 0));
      }
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      return socket;
    } catch (IOException e) {
      closeQuietly(socket);
      throw new UncheckedIOException(e);
    }
  }

  /** The negotiated TLS session ({@code TLSv1.3}, the cipher suite, the server's certificate); null on plain TCP. */
  public SSLSession tlsSession() {
    return socket instanceof SSLSocket tls ? tls.getSession() : null;
  }

  /** Sends one raw line (the {@code \n} is added). */
  public LineClient send(String line) {
    try {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public LineClient send(Frame frame) {
    return send(FrameMapper.INSTANCE.writeString(frame));
  }

  /** Sends raw bytes as they are. */
  public LineClient sendBytes(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Skips error frames and anything else until a frame of {@code type} comes; fails at end of stream. */
  public <T extends Frame> T skipTo(Class<T> type) {
    while (true) {
      Frame frame = nextAny();
      if (type.isInstance(frame)) {
        return type.cast(frame);
      }
    }
  }

  /** The next raw line, or null at end of stream. */
  public String readLine() {
    try {
      return in.readLine();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no line from the server within " + READ_TIMEOUT_MS + " ms", e);
    } catch (IOException e) {
      return null; // reset by the server counts as closed
    }
  }

  /**
   * The next frame, decoded. {@code queue.status} is pushed to agents at any time (after login and
   * whenever a queue changes), so it is passed over here; {@link #expect}{@code (QueueStatus.class)}
   * and {@link #skipTo} see it.
   */
  public Frame next() {
    while (true) {
      Frame frame = nextAny();
      if (!(frame instanceof QueueStatus)) {
        return frame;
      }
    }
  }

  /** The next frame, whatever it is. */
  public Frame nextAny() {
    String line = readLine();
    assertThat(line).as("the server closed the connection").isNotNull();
    try {
      return FrameMapper.INSTANCE.read(line);
    } catch (FrameDecodingException e) {
      throw new AssertionError("server wrote an undecodable line: " + line, e);
    }
  }

  /** The next frame, which must be of {@code type}. */
  public <T extends Frame> T expect(Class<T> type) {
    Frame frame = type == QueueStatus.class ? nextAny() : next();
    assertThat(frame).isInstanceOf(type);
    return type.cast(frame);
  }

  /** The next frame must be {@code error} with {@code code}. */
  public ErrorFrame expectError(String code) {
    ErrorFrame error = expect(ErrorFrame.class);
    assertThat(error.code()).isEqualTo(code);
    return error;
  }

  /** The server closes the connection (after whatever it still had to say, which is skipped). */
  public void expectClosed() {
    while (readLine() != null) {
      // drain
    }
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
