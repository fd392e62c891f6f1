package io.webassist.dispatch.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay's raw forwarding between two channels, and its back-pressure. */
class RawLineForwarderTest {

  private final RawLineForwarder userSide = new RawLineForwarder();
  private final RawLineForwarder agentSide = new RawLineForwarder();
  private final EmbeddedChannel user = new EmbeddedChannel(userSide);
  private final EmbeddedChannel agent = new EmbeddedChannel(agentSide);

  {
    agent.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64, 128));
    userSide.partner(agent);
    agentSide.partner(user);
  }

  @AfterEach
  void finish() {
    user.finishAndReleaseAll();
    agent.finishAndReleaseAll();
  }

  private static ByteBuf line(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
  }

  private static String text(EmbeddedChannel channel) {
    StringBuilder out = new StringBuilder();
    for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
      out.append(buf.toString(StandardCharsets.UTF_8));
      buf.release();
    }
    return out.toString();
  }

  @Test
  void lineIsForwardedAsItIsWithItsLineEnd() {
    user.writeInbound(line("{\"type\":\"chat.message\",\"text\":\"hi\"}"), line("not even json"));

    assertThat(text(agent)).isEqualTo("{\"type\":\"chat.message\",\"text\":\"hi\"}\nnot even json\n");
  }

  @Test
  void senderStopsReadingWhileThePartnerCannotTakeMoreAndResumesWhenItCan() {
    user.pipeline().fireChannelRead(line("x".repeat(200))); // no read-complete yet: nothing flushed

    assertThat(agent.isWritable()).isFalse();
    assertThat(user.config().isAutoRead()).isFalse();

    agent.flush(); // the partner's socket took it: writable again
    assertThat(agent.isWritable()).isTrue();
    assertThat(user.config().isAutoRead()).isTrue();
    assertThat(text(agent)).hasSize(201);
  }

  @Test
  void linesWithoutAPartnerAreDropped() {
    userSide.partner(null);

    user.writeInbound(line("lost"));

    assertThat(text(agent)).isEmpty();
  }
}
