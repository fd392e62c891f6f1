package io.webassist.link.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.webassist.link.LinkOptions;
import io.webassist.link.LinkRuntime;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the link thread does the I/O (the default runtime), what callbacks send while a read batch
 * is handed on leaves in one socket write at the batch's end, in order; a send at any other time
 * is flushed at once; and an answer sent just before a close still goes out.
 */
class FrameChannelFlushTest {
  private LinkRuntime runtime;
  private EmbeddedChannel ch;
  private int flushes;

  /** Answers every chat line with "re: text"; closes after answering "bye". */
  private final FrameSink echo = new FrameSink() {
    @Override
    public void onFrame(FrameChannel channel, Frame frame) {
      if (frame instanceof ChatMessage chat) {
        channel.send(new ChatMessage(chat.seq(), chat.ts(), "re: " + chat.text()));
        if (chat.text().equals("bye")) {
          channel.close();
        }
      }
    }

    @Override
    public void onClosed(FrameChannel channel) {}
  };

  @BeforeEach
  void start() throws Exception {
    runtime = LinkRuntime.create();
    ch = onLinkThread(() -> {
      EmbeddedChannel channel = new EmbeddedChannel(new LinkChannelInitializer(runtime, LinkOptions.DEFAULTS, null, echo));
      channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
        @Override
        public void flush(ChannelHandlerContext ctx) {
          flushes++;
          ctx.flush();
        }
      });
      return channel;
    });
  }

  @AfterEach
  void stop() throws Exception {
    onLinkThread(() -> ch.finishAndReleaseAll());
    runtime.close();
  }

  /** The channel is driven on the link thread, as the runtime's own I/O would be. */
  private <T> T onLinkThread(Callable<T> task) throws Exception {
    return runtime.linkThread().submit(task).get();
  }

  private static String chat(long seq, String text) {
    return "{\"type\":\"chat.message\",\"seq\":" + seq + ",\"ts\":" + seq + ",\"text\":\"" + text + "\"}\n";
  }

  private List<String> written() throws Exception {
    return onLinkThread(() -> {
      List<String> lines = new ArrayList<>();
      for (ByteBuf out = ch.readOutbound(); out != null; out = ch.readOutbound()) {
        lines.add(out.toString(StandardCharsets.UTF_8));
        out.release();
      }
      return lines;
    });
  }

  @Test
  void answersToLinesReadTogetherLeaveInOneFlushInTheirOrder() throws Exception {
    onLinkThread(() -> ch.writeInbound(Unpooled.copiedBuffer(chat(1, "a") + chat(2, "b") + chat(3, "c"), StandardCharsets.UTF_8)));

    assertThat(written()).containsExactly(chat(1, "re: a"), chat(2, "re: b"), chat(3, "re: c"));
    assertThat(flushes).isEqualTo(1);
  }

  @Test
  void aSendOutsideAReadIsFlushedAtOnce() throws Exception {
    onLinkThread(() -> FrameChannel.of(ch).send(new ChatMessage(7, 7, "hello")));

    assertThat(written()).containsExactly(chat(7, "hello"));
    assertThat(flushes).isEqualTo(1);
  }

  @Test
  void anAnswerSentJustBeforeTheCloseStillGoesOut() throws Exception {
    onLinkThread(() -> ch.writeInbound(Unpooled.copiedBuffer(chat(1, "a") + chat(2, "bye"), StandardCharsets.UTF_8)));

    assertThat(written()).containsExactly(chat(1, "re: a"), chat(2, "re: bye"));
    assertThat(onLinkThread(ch::isOpen)).isFalse();
  }
}
