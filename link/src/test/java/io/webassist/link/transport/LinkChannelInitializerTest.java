package io.webassist.link.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.netty.handler.ssl.SslHandler;
import io.webassist.link.testing.TestTls;
import io.webassist.security.tls.TlsContexts;
import io.webassist.protocol.codec.NdjsonCodec;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.CobrowsePointer;
import io.webassist.protocol.frame.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinkChannelInitializerTest {
  private LinkRuntime runtime;
  private final List<Frame> delivered = new CopyOnWriteArrayList<>();
  private final List<String> closed = new CopyOnWriteArrayList<>();
  private final FrameSink recorder = new FrameSink() {
    @Override
    public void onFrame(FrameChannel channel, Frame frame) {
      delivered.add(frame);
    }

    @Override
    public void onClosed(FrameChannel channel) {
      closed.add(Thread.currentThread().getName());
    }
  };

  @BeforeEach
  void start() {
    runtime = LinkRuntime.create(1);
  }

  @AfterEach
  void stop() {
    runtime.close();
  }

  private EmbeddedChannel channel(LinkOptions options) {
    return new EmbeddedChannel(new LinkChannelInitializer(runtime, options, null, recorder));
  }

  private static ByteBuf line(String json) {
    return Unpooled.copiedBuffer(json + "\n", StandardCharsets.UTF_8);
  }

  private static String readLine(EmbeddedChannel ch) {
    ByteBuf out = ch.readOutbound();
    try {
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      out.release();
    }
  }

  @Test
  void pipelineHasOneNamedStagePerConcernInOrder() {
    EmbeddedChannel ch = channel(LinkOptions.DEFAULTS);
    List<String> names = ch.pipeline().names();
    assertThat(names.subList(0, 3)).containsExactlyInAnyOrder(
        NdjsonCodec.LINE_DECODER, NdjsonCodec.FRAME_DECODER, NdjsonCodec.FRAME_ENCODER);
    assertThat(names.subList(3, 6)).containsExactly(
        LinkChannelInitializer.IDLE, LinkChannelInitializer.KEEP_ALIVE, LinkChannelInitializer.BRIDGE);
    assertThat(ch.pipeline().names()).doesNotContain(LinkChannelInitializer.TLS);
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void withATlsContextTheTlsStageComesFirst() {
    EmbeddedChannel ch = new EmbeddedChannel(new LinkChannelInitializer(runtime, LinkOptions.DEFAULTS,
        TlsContexts.pinnedClient(TestTls.SERVER.fingerprint()), recorder));
    assertThat(ch.pipeline().names().get(0)).isEqualTo(LinkChannelInitializer.TLS);
    assertThat(ch.pipeline().first()).isInstanceOf(SslHandler.class);
    ch.finishAndReleaseAll();
  }

  @Test
  void pingIsAnsweredWithPongAndFramesReachTheOwnerOnTheLinkThread() {
    EmbeddedChannel ch = channel(LinkOptions.DEFAULTS);

    ch.writeInbound(line("{\"type\":\"ping\"}"));
    ch.writeInbound(line("{\"type\":\"pong\"}"));
    ch.writeInbound(line("{\"type\":\"chat.message\",\"seq\":1,\"ts\":2,\"text\":\"hi\"}"));

    assertThat(readLine(ch)).isEqualTo("{\"type\":\"pong\"}\n");
    Object nothingElse = ch.readOutbound();
    assertThat(nothingElse).isNull();
    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
    assertThat(delivered).containsExactly(new ChatMessage(1, 2, "hi"));
    ch.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> closed.size() == 1);
    assertThat(closed.get(0)).startsWith("webassist-link-");
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void handedOffChannelParksFramesUntilTheNextOwnerTakesThem() {
    EmbeddedChannel ch = channel(LinkOptions.DEFAULTS);
    FrameChannel frames = FrameChannel.of(ch);
    List<Frame> second = new CopyOnWriteArrayList<>();
    runtime.execute(frames::handOff);

    ch.writeInbound(line("{\"type\":\"chat.message\",\"seq\":1,\"ts\":2,\"text\":\"parked\"}"));
    runtime.execute(() -> frames.sink(new FrameSink() {
      @Override
      public void onFrame(FrameChannel channel, Frame frame) {
        second.add(frame);
      }

      @Override
      public void onClosed(FrameChannel channel) {}
    }));

    await().atMost(Duration.ofSeconds(5)).until(() -> second.size() == 1);
    assertThat(delivered).isEmpty();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void whenThePeerStopsReadingDroppableEventsAreDroppedAndPastTheHardLimitTheConnectionCloses() {
    EmbeddedChannel ch = channel(LinkOptions.builder().outboundHardLimitBytes(1024).build());
    ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(64, 128));
    FrameChannel frames = FrameChannel.of(ch);

    ch.write(Unpooled.wrappedBuffer(new byte[512])); // written, never flushed: a peer that does not read
    assertThat(ch.isWritable()).isFalse();
    assertThat(frames.sendDroppable(new CobrowsePointer(1, 1, 5, 5))).isFalse();
    assertThat(frames.send(new ChatMessage(2, 2, "still sent"))).isTrue();

    ch.write(Unpooled.wrappedBuffer(new byte[2048]));
    assertThat(frames.send(new ChatMessage(3, 3, "too much"))).isFalse();
    assertThat(ch.isOpen()).isFalse();
    ch.finishAndReleaseAll();
  }
}
