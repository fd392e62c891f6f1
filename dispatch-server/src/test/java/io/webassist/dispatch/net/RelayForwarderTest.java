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

/** The relay's raw forwarding between two channels: bytes as they come, one flush per read batch, back-pressure. */
class RelayForwarderTest {

  private final EmbeddedChannel user = new EmbeddedChannel();
  private final EmbeddedChannel agent = new EmbeddedChannel();
  private final RelayForwarder userSide = new RelayForwarder(agent);
  private final RelayForwarder agentSide = new RelayForwarder(user);

  {
    user.pipeline().addLast(userSide);
    agent.pipeline().addLast(agentSide);
    agent.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64, 128));
  }

  @AfterEach
  void finish() {
    user.finishAndReleaseAll();
    agent.finishAndReleaseAll();
  }

  private static ByteBuf bytes(String text) {
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
  void bytesAreForwardedAsTheyComeWithoutLookingForLines() {
    user.writeInbound(bytes("{\"type\":\"chat.message\",\"text\":\"hi\"}\nnot even js"), bytes("on\n{\"type\":\"pi"));

    assertThat(text(agent)).isEqualTo("{\"type\":\"chat.message\",\"text\":\"hi\"}\nnot even json\n{\"type\":\"pi");
  }

  @Test
  void aReadBatchGoesToThePartnerAsOneWriteAtReadComplete() {
    user.pipeline().fireChannelRead(bytes("a\n"));
    user.pipeline().fireChannelRead(bytes("b\n"));
    assertThat((Object) agent.readOutbound()).isNull(); // nothing before the batch is over

    user.pipeline().fireChannelReadComplete();

    ByteBuf one = agent.readOutbound();
    assertThat(one.toString(StandardCharsets.UTF_8)).isEqualTo("a\nb\n");
    one.release();
    assertThat((Object) agent.readOutbound()).isNull();
  }

  @Test
  void senderStopsReadingWhileThePartnerCannotTakeMoreAndResumesWhenItCan() {
    agent.pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
      @Override
      public void flush(io.netty.channel.ChannelHandlerContext ctx) {
        // the partner's socket is full: what was written stays in its outbound buffer
      }
    });
    user.writeInbound(bytes("x".repeat(200)));

    assertThat(agent.isWritable()).isFalse();
    assertThat(user.config().isAutoRead()).isFalse();

    agent.pipeline().removeFirst();
    agent.flush(); // the partner's socket took it: writable again
    assertThat(agent.isWritable()).isTrue();
    assertThat(user.config().isAutoRead()).isTrue();
    assertThat(text(agent)).hasSize(200);
  }

  @Test
  void bytesWithoutAPartnerAreDroppedUpToTheNextLineStart() {
    userSide.partner(null);
    user.writeInbound(bytes("lost\nhalf a li"));

    userSide.partner(agent);
    user.writeInbound(bytes("ne\nnext\n"));

    assertThat(text(agent)).isEqualTo("next\n");
  }

  @Test
  void aDroppedWholeLineLeavesTheNextBytesAlone() {
    userSide.partner(null);
    user.writeInbound(bytes("lost\n"));

    userSide.partner(agent);
    user.writeInbound(bytes("kept\n"));

    assertThat(text(agent)).isEqualTo("kept\n");
  }
}
