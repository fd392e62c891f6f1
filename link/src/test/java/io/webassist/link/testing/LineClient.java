package io.webassist.link.testing;

import io.webassist.protocol.codec.FrameDecodingException;
import io.webassist.protocol.codec.FrameMapper;
import io.webassist.protocol.frame.Endpoint;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Ping;
import io.webassist.protocol.frame.Pong;
import io.netty.handler.ssl.util.FingerprintTrustManagerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A hand-driven NDJSON client on a blocking socket, like a tester with {@code nc} (or
 * {@code openssl s_client}): for hostile-peer tests. Plain, or TLS pinned to a fingerprint.
 */
public final class LineClient implements AutoCloseable {
  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;

  /** A plain-TCP client. */
  public LineClient(Endpoint target) {
    this(target, null);
  }

  /** A TLS client trusting only {@code pinnedFingerprint}, or plain TCP when it is null. */
  public LineClient(Endpoint target, String pinnedFingerprint) {
    try {
      socket = pinnedFingerprint == null ? new Socket(target.host(), target.port()) : tls(target, pinnedFingerprint);
      socket.setSoTimeout(5000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Socket tls(Endpoint target, String fingerprint) throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null,
          FingerprintTrustManagerFactory.builder("SHA-256").fingerprints(fingerprint).build().getTrustManagers(), null);
      SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(target.host(), target.port());
      socket.setSoTimeout(5000);
      socket.startHandshake();
      return socket;
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** The socket, e.g. to read the TLS session. */
  public Socket socket() {
    return socket;
  }

  public LineClient sendLine(String line) {
    try {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public LineClient send(Frame frame) {
    return sendLine(FrameMapper.INSTANCE.writeString(frame));
  }

  /** The next frame other than ping/pong (pings answered), or null at end of stream. */
  public Frame read(Duration timeout) {
    try {
      socket.setSoTimeout((int) timeout.toMillis());
      while (true) {
        String line = in.readLine();
        if (line == null) {
          return null;
        }
        Frame frame = FrameMapper.INSTANCE.read(line);
        if (frame instanceof Ping) {
          send(Pong.INSTANCE);
        } else if (!(frame instanceof Pong)) {
          return frame;
        }
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no frame within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return null; // reset by the peer: closed
    } catch (FrameDecodingException e) {
      throw new AssertionError("peer sent a bad line: " + e.getMessage());
    }
  }

  public Frame read() {
    return read(Duration.ofSeconds(5));
  }

  /** Whether the peer closed: end of stream within the timeout. */
  public boolean closedByPeer(Duration timeout) {
    try {
      socket.setSoTimeout((int) timeout.toMillis());
      while (true) {
        String line = in.readLine();
        if (line == null) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
