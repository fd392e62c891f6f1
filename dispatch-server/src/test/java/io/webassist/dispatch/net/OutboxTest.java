package io.webassist.dispatch.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.webassist.protocol.codec.FrameEncoder;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Pong;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Outbox}: frames sent to a connection wait for its event loop and go out in batches, in
 * the order they were sent, with one flush per connection per batch (one {@code write} syscall
 * where there was one per frame).
 */
class OutboxTest {

  private final List<EmbeddedChannel> channels = new ArrayList<>();
  private int flushes;

  @AfterEach
  void closeChannels() {
    channels.forEach(EmbeddedChannel::finishAndReleaseAll);
  }

  private EmbeddedChannel channel() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
      @Override
      public void flush(ChannelHandlerContext ctx) {
        flushes++;
        ctx.flush();
      }
    });
    channel.pipeline().addLast(FrameEncoder.INSTANCE);
    channels.add(channel);
    return channel;
  }

  private static List<String> lines(EmbeddedChannel channel) {
    List<String> lines = new ArrayList<>();
    for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
      try {
        lines.add(buf.toString(StandardCharsets.UTF_8).strip());
      } finally {
        buf.release();
      }
    }
    return lines;
  }

  @Test
  void framesSentBeforeTheLoopRunsGoOutInOrderWithOneFlush() {
    EmbeddedChannel channel = channel();
    Connection connection = new Connection(channel, "127.0.0.1");

    connection.send(new ErrorFrame("wrong_state", "first"));
    connection.send(Pong.INSTANCE);
    connection.send(new ErrorFrame("wrong_state", "third"));
    assertThat(lines(channel)).as("nothing written before the loop's turn").isEmpty();
    channel.runPendingTasks();

    assertThat(lines(channel)).satisfiesExactly(
        first -> assertThat(first).contains("first"),
        second -> assertThat(second).isEqualTo("{\"type\":\"pong\"}"),
        third -> assertThat(third).contains("third"));
    assertThat(flushes).isEqualTo(1);
  }

  @Test
  void connectionsOfOneLoopShareABatchAndEachIsFlushedOnce() {
    EmbeddedChannel channel = channel();
    Outbox outbox = new Outbox(channel.eventLoop());
    Connection one = new Connection(channel, "127.0.0.1", outbox);
    EmbeddedChannel otherChannel = channel();
    Connection other = new Connection(otherChannel, "127.0.0.2", outbox);

    one.send(Pong.INSTANCE);
    other.send(Pong.INSTANCE);
    one.send(Pong.INSTANCE);
    channel.runPendingTasks();

    assertThat(lines(channel)).hasSize(2);
    assertThat(lines(otherChannel)).hasSize(1);
    assertThat(flushes).isEqualTo(2);
  }

  @Test
  void aLaterBatchIsFlushedToo() {
    EmbeddedChannel channel = channel();
    Connection connection = new Connection(channel, "127.0.0.1");
    connection.send(Pong.INSTANCE);
    channel.runPendingTasks();
    assertThat(lines(channel)).hasSize(1);

    connection.send(new ErrorFrame("wrong_state", "later"));
    channel.runPendingTasks();

    assertThat(lines(channel)).singleElement().asString().contains("later");
  }

  @Test
  void closeGoesOutAfterTheFramesBeforeItThenTheConnectionCloses() {
    EmbeddedChannel channel = channel();
    Connection connection = new Connection(channel, "127.0.0.1");

    connection.send(Pong.INSTANCE);
    connection.close(new ErrorFrame("idle_timeout", "bye"));
    channel.runPendingTasks();

    assertThat(lines(channel)).satisfiesExactly(
        pong -> assertThat(pong).isEqualTo("{\"type\":\"pong\"}"),
        last -> assertThat(last).contains("idle_timeout"));
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void framesForAClosedConnectionAreDropped() {
    EmbeddedChannel channel = channel();
    Connection connection = new Connection(channel, "127.0.0.1");
    channel.close();

    connection.send(Pong.INSTANCE);
    channel.runPendingTasks();

    assertThat(lines(channel)).isEmpty();
  }
}
