package io.webassist.script.transport;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP listener whose incoming connections wait to be {@linkplain #accept accepted} one by one;
 * plays the user's peer listener that the agent dials. Lines that arrive before {@code accept}
 * are kept in that connection's inbox.
 */
public final class LineListener implements AutoCloseable {

  private final Channel serverChannel;
  private final BlockingQueue<LineConnection> arrived;
  private final String fingerprint;

  LineListener(Channel serverChannel, BlockingQueue<LineConnection> arrived, String fingerprint) {
    this.serverChannel = serverChannel;
    this.arrived = arrived;
    this.fingerprint = fingerprint;
  }

  /** SHA-256 fingerprint of the certificate this listener presents; null when insecure (plain TCP). */
  public String fingerprint() {
    return fingerprint;
  }

  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  public String host() {
    return ((InetSocketAddress) serverChannel.localAddress()).getAddress().getHostAddress();
  }

  /** The next incoming connection, or null if none came within {@code timeout}. */
  public LineConnection accept(Duration timeout) throws InterruptedException {
    return arrived.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops listening and closes connections that were never accepted; accepted ones stay open. */
  @Override
  public void close() {
    serverChannel.close().awaitUninterruptibly(2_000);
    LineConnection waiting;
    while ((waiting = arrived.poll()) != null) {
      waiting.close();
    }
  }
}
