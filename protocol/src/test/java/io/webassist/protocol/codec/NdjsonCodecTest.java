package io.webassist.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.webassist.protocol.frame.*;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NdjsonCodecTest {

  private static final int MAX_LINE = 1024;
  private EmbeddedChannel channel;

  @BeforeEach
  void setUp() {
    channel = new EmbeddedChannel(new ChannelInitializer<>() {
      @Override
      protected void initChannel(io.netty.channel.Channel ch) {
        NdjsonCodec.addTo(ch.pipeline(), MAX_LINE);
      }
    });
  }

  @AfterEach
  void tearDown() {
    channel.finishAndReleaseAll();
  }

  @Test
  void decodesEveryFrameTypeWrittenByTheEncoder() {
    for (Frame frame : SampleFrames.all()) {
      channel.writeOutbound(frame);
    }
    ByteBuf wire = Unpooled.buffer();
    for (ByteBuf chunk; (chunk = channel.readOutbound()) != null; ) {
      wire.writeBytes(chunk);
      chunk.release();
    }

    channel.writeInbound(wire);

    assertThat(inbound()).containsExactlyElementsOf(SampleFrames.all());
  }

  @Test
  void eachFrameIsOneLineEndingInNewline() {
    channel.writeOutbound(new SupportQueued("r-1", 1));

    assertThat(outboundText()).isEqualTo("{\"type\":\"support.queued\",\"requestId\":\"r-1\",\"position\":1}\n");
  }

  @Test
  void frameSplitAcrossReadsIsDecodedOnce() {
    write("{\"type\":\"offer.ac");
    assertThat(inbound()).isEmpty();

    write("cept\",\"requestId\":\"r-9\"}\r\n");

    assertThat(inbound()).containsExactly(new OfferAccept("r-9"));
  }

  @Test
  void coalescedFramesInOneReadAreAllDecoded() {
    write("{\"type\":\"ping\"}\n{\"type\":\"offer.accept\",\"requestId\":\"a\"}\n{\"type\":\"pong\"}\n");

    assertThat(inbound()).containsExactly(Ping.INSTANCE, new OfferAccept("a"), Pong.INSTANCE);
  }

  @Test
  void emptyAndBlankLinesAreIgnoredSilently() {
    write("\n  \r\n\t\n{\"type\":\"ping\"}\n");

    assertThat(inbound()).containsExactly(Ping.INSTANCE);
    assertThat(outboundText()).isEmpty();
  }

  @Test
  void malformedLineGetsBadFrameAndTheConnectionSurvives() {
    write("{not json\n{\"type\":\"ping\"}\n");

    assertThat(inbound()).containsExactly(Ping.INSTANCE);
    assertThat(outboundFrames()).singleElement()
        .isInstanceOfSatisfying(ErrorFrame.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void unknownTypeGetsUnknownTypeAndTheConnectionSurvives() {
    write("{\"type\":\"warp.drive\"}\n{\"type\":\"ping\"}\n");

    assertThat(inbound()).containsExactly(Ping.INSTANCE);
    assertThat(outboundFrames()).singleElement()
        .isInstanceOfSatisfying(ErrorFrame.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void nonUtf8BytesAreABadFrame() {
    ByteBuf bytes = Unpooled.buffer();
    bytes.writeBytes("{\"type\":\"chat.message\",\"text\":\"".getBytes(StandardCharsets.US_ASCII));
    bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
    bytes.writeBytes("\"}\n{\"type\":\"ping\"}\n".getBytes(StandardCharsets.US_ASCII));

    channel.writeInbound(bytes);

    assertThat(inbound()).containsExactly(Ping.INSTANCE);
    assertThat(outboundFrames()).singleElement()
        .isInstanceOfSatisfying(ErrorFrame.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
  }

  @Test
  void utf8TextSurvivesIntact() {
    write("{\"type\":\"chat.message\",\"seq\":1,\"ts\":2,\"text\":\"Grüße, 你好 👋\"}\n");

    assertThat(inbound()).containsExactly(new ChatMessage(1, 2, "Grüße, 你好 👋"));
  }

  @Test
  void oversizeLineGetsFrameTooLargeAndCloses() {
    write("{\"type\":\"chat.message\",\"text\":\"" + "x".repeat(MAX_LINE * 2));

    assertThat(outboundFrames()).singleElement()
        .isInstanceOfSatisfying(ErrorFrame.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE));
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void lineExactlyAtTheLimitIsAccepted() {
    String prefix = "{\"type\":\"chat.message\",\"seq\":1,\"ts\":2,\"text\":\"";
    String suffix = "\"}";
    String text = "y".repeat(MAX_LINE - prefix.length() - suffix.length());

    write(prefix + text + suffix + "\n");

    assertThat(inbound()).containsExactly(new ChatMessage(1, 2, text));
  }

  @Test
  void rawBuffersPassThroughTheEncoderUntouched() {
    channel.writeOutbound(Unpooled.copiedBuffer("{\"type\":\"relayed\"}\n", StandardCharsets.UTF_8));

    assertThat(outboundText()).isEqualTo("{\"type\":\"relayed\"}\n");
  }

  private void write(String text) {
    channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }

  private List<Object> inbound() {
    List<Object> frames = new ArrayList<>();
    for (Object o; (o = channel.readInbound()) != null; ) {
      frames.add(o);
    }
    return frames;
  }

  private String outboundText() {
    StringBuilder text = new StringBuilder();
    for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
      text.append(buf.toString(StandardCharsets.UTF_8));
      buf.release();
    }
    return text.toString();
  }

  private List<Frame> outboundFrames() {
    List<Frame> frames = new ArrayList<>();
    for (String line : outboundText().split("\n")) {
      if (!line.isEmpty()) {
        try {
          frames.add(FrameMapper.INSTANCE.read(line));
        } catch (FrameDecodingException e) {
          throw new AssertionError("server wrote an undecodable line: " + line, e);
        }
      }
    }
    return frames;
  }
}
