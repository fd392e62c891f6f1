package io.webassist.dispatch.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.webassist.dispatch.limits.LimitEvents;
import io.webassist.dispatch.limits.Ticker;
import io.webassist.dispatch.metrics.Metrics;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slow readers: {@link WritabilityGuard} on an {@link EmbeddedChannel} whose time the test moves. */
class WritabilityGuardTest {

  private static final long TIMEOUT_MS = 1_000;

  private final Metrics metrics = new Metrics();
  private EmbeddedChannel channel;

  @BeforeEach
  void openChannel() {
    channel = new EmbeddedChannel();
    channel.freezeTime();
    channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
    channel.attr(Connection.KEY).set(new Connection(channel, "127.0.0.1")); // as the ConnectionGate admits it
    channel.pipeline().addLast(new WritabilityGuard(new LimitEvents(metrics, Ticker.SYSTEM, false), TIMEOUT_MS));
  }

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
  }

  private void after(long ms) {
    channel.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
  }

  /** Written but not flushed: it stays in the outbound buffer, as it does for a client that does not read. */
  private void queueUnread(int bytes) {
    channel.write(Unpooled.wrappedBuffer(new byte[bytes]));
  }

  @Test
  void connectionThatStaysUnwritableIsClosedAsSlowConsumer() {
    queueUnread(32);
    assertThat(channel.isWritable()).isFalse();

    after(TIMEOUT_MS - 1);
    assertThat(channel.isOpen()).isTrue();
    after(1);

    assertThat(channel.isOpen()).isFalse();
    assertThat(metrics.counter("limit_slow_consumer")).isEqualTo(1);
  }

  @Test
  void nothingIsReadFromAConnectionWhileItIsUnwritable() {
    queueUnread(32);

    assertThat(channel.config().isAutoRead()).isFalse();
    channel.flush();
    assertThat(channel.isWritable()).isTrue();
    assertThat(channel.config().isAutoRead()).isTrue();
  }

  @Test
  void readerThatCatchesUpInTimeIsNotClosed() {
    queueUnread(32);
    after(TIMEOUT_MS / 2);

    channel.flush(); // the client read it all

    after(TIMEOUT_MS * 2);
    assertThat(channel.isOpen()).isTrue();
    assertThat(metrics.counter("limit_slow_consumer")).isZero();
  }

  @Test
  void theTimeoutStartsAgainEachTimeItBecomesUnwritable() {
    queueUnread(32);
    after(TIMEOUT_MS - 100);
    channel.flush();
    queueUnread(32);

    after(TIMEOUT_MS - 100);
    assertThat(channel.isOpen()).isTrue();
    after(100);
    assertThat(channel.isOpen()).isFalse();
  }
}
