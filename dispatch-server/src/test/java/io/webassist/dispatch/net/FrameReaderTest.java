package io.webassist.dispatch.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.webassist.dispatch.limits.FrameRateLimiter;
import io.webassist.dispatch.limits.LimitEvents;
import io.webassist.dispatch.limits.Ticker;
import io.webassist.dispatch.metrics.Metrics;
import io.webassist.protocol.codec.FrameEncoder;
import io.webassist.dispatch.testing.WrittenFrames;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.Ping;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FrameReader}, the one shared stage for line split, line limit, frame rate and decoding,
 * on an {@link EmbeddedChannel}: lines cut anywhere by the reads, {@code \r\n}, blank lines, a
 * line over the limit known before its end arrives, and the hand-over of unread bytes to the
 * stage that takes its place.
 */
class FrameReaderTest {

  private static final int MAX_LINE = 64;
  private static final String PING = "{\"type\":\"ping\"}";

  private final Metrics metrics = new Metrics();
  private final LimitEvents events = new LimitEvents(metrics, Ticker.SYSTEM, false);
  private final List<Object> passedOn = new ArrayList<>();
  private EmbeddedChannel channel;

  @BeforeEach
  void openChannel() {
    channel = new EmbeddedChannel();
    channel.attr(Connection.KEY).set(new Connection(channel, "127.0.0.1")); // as the ConnectionGate admits it
    channel.pipeline().addLast(FrameEncoder.INSTANCE);
    channel.pipeline().addLast(FrameReader.NAME, new FrameReader(
        () -> new FrameRateLimiter(1_000, 1_000, 1_000, Ticker.SYSTEM), events, 1_000, MAX_LINE));
    channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        passedOn.add(msg);
      }
    });
  }

  @AfterEach
  void closeChannel() {
    passedOn.forEach(m -> {
      if (m instanceof ByteBuf b) {
        b.release();
      }
    });
    channel.finishAndReleaseAll();
  }

  private void read(String bytes) {
    channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.UTF_8));
  }

  private List<Frame> answers() {
    return WrittenFrames.of(channel);
  }

  @Test
  void linesCutAnywhereByTheReadsBecomeWholeFrames() {
    read("{\"type\":");
    assertThat(passedOn).isEmpty();
    read("\"ping\"}\n{\"ty");
    read("pe\":\"ping\"}\r\n" + PING + "\n");

    assertThat(passedOn).containsExactly(Ping.INSTANCE, Ping.INSTANCE, Ping.INSTANCE);
    assertThat(answers()).isEmpty();
  }

  @Test
  void blankLinesAreSkippedAndABadLineIsAnsweredWhileTheConnectionStays() {
    read("\n  \r\n{\"type\":\n" + PING + "\n");

    assertThat(passedOn).containsExactly(Ping.INSTANCE);
    assertThat(answers()).singleElement().isInstanceOfSatisfying(ErrorFrame.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aLineOverTheLimitIsRefusedBeforeItsEndArrivesAndTheConnectionClosed() {
    read(PING + "\n" + "x".repeat(MAX_LINE));
    assertThat(channel.isOpen()).isTrue(); // exactly the limit, no line end yet: it may still end

    read("y");

    assertThat(passedOn).containsExactly(Ping.INSTANCE);
    assertThat(answers()).singleElement().isInstanceOfSatisfying(ErrorFrame.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE));
    assertThat(channel.isOpen()).isFalse();
    assertThat(metrics.snapshot().toString()).contains("frame_too_large");
  }

  @Test
  void aLineOfExactlyTheLimitPassesAndOneByteMoreIsRefused() {
    String padded = "{\"type\":\"ping\"" + " ".repeat(MAX_LINE - PING.length()) + "}";
    assertThat(padded).hasSize(MAX_LINE);
    read(padded + "\r\n");
    assertThat(passedOn).containsExactly(Ping.INSTANCE);

    read(" " + padded + "\n");

    assertThat(answers()).singleElement().isInstanceOfSatisfying(ErrorFrame.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE));
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void whenAStageTakesTheReadersPlaceTheBytesNotYetReadGoToItUntouched() {
    List<String> forwarded = new ArrayList<>();
    channel.pipeline().removeLast();
    channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Ping) {
          // as RelayChannel does on relay.ready: a forwarder after the reader, then the reader out
          ctx.pipeline().addAfter(FrameReader.NAME, "forwarder", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext c, Object bytes) {
              forwarded.add(((ByteBuf) bytes).toString(StandardCharsets.UTF_8));
              ((ByteBuf) bytes).release();
            }
          });
          ctx.pipeline().remove(FrameReader.NAME);
        } else {
          passedOn.add(msg);
        }
      }
    });

    read(PING + "\nnot json, ");
    read("not a frame\n");

    assertThat(forwarded).containsExactly("not json, ", "not a frame\n");
    assertThat(passedOn).isEmpty();
    assertThat(answers()).isEmpty();
  }

  @Test
  void anUnfinishedLineKeptWhenTheReaderIsReplacedGoesOnToo() {
    List<String> forwarded = new ArrayList<>();
    read(PING + "\n{\"half");
    channel.pipeline().addAfter(FrameReader.NAME, "forwarder", new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext c, Object bytes) {
        forwarded.add(((ByteBuf) bytes).toString(StandardCharsets.UTF_8));
        ((ByteBuf) bytes).release();
      }
    });

    channel.pipeline().remove(FrameReader.NAME);

    assertThat(forwarded).containsExactly("{\"half");
    assertThat(passedOn).containsExactly(Ping.INSTANCE);
  }
}
