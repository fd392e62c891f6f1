package io.webassist.bench.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.webassist.protocol.codec.FrameMapper;
import io.webassist.protocol.frame.CobrowseInput;
import io.webassist.protocol.frame.Frame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameFactoryTest {

  @Test
  void framesAreValidCobrowseInputLinesOfTheRequestedLength() throws Exception {
    FrameFactory f = new FrameFactory(1024, true);
    for (long seq : new long[] {1, 42, 9_999_999_999L}) {
      ByteBuf line = f.frame(ByteBufAllocator.DEFAULT, seq);
      try {
        assertThat(line.readableBytes()).isEqualTo(1024);
        assertThat(line.getByte(line.writerIndex() - 1)).isEqualTo((byte) '\n');
        String text = line.toString(StandardCharsets.UTF_8).trim();
        Frame frame = FrameMapper.INSTANCE.read(text);
        assertThat(frame).isInstanceOf(CobrowseInput.class);
        assertThat(((CobrowseInput) frame).seq()).isEqualTo(seq);
      } finally {
        line.release();
      }
    }
  }

  @Test
  void smallFramesAreAsShortAsTheFormatAllows() {
    FrameFactory f = new FrameFactory(64, false);
    ByteBuf payload = f.frame(ByteBufAllocator.DEFAULT, 7);
    try {
      assertThat(f.lineBytes()).isEqualTo(FrameFactory.MIN_LINE);
      assertThat(payload.readableBytes()).isEqualTo(FrameFactory.MIN_LINE - 1); // MQTT payload: no line end
    } finally {
      payload.release();
    }
  }
}
