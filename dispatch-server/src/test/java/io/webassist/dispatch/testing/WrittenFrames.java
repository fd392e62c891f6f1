package io.webassist.dispatch.testing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.webassist.protocol.codec.FrameDecodingException;
import io.webassist.protocol.codec.FrameMapper;
import io.webassist.protocol.frame.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a server pipeline under test wrote, read back as frames (its outbound buffers released). */
public final class WrittenFrames {
  private WrittenFrames() {
  }

  /** Every frame {@code channel} wrote since the last call, in order. */
  public static List<Frame> of(EmbeddedChannel channel) {
    List<Frame> frames = new ArrayList<>();
    for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
      try {
        for (String line : buf.toString(StandardCharsets.UTF_8).split("\n")) {
          frames.add(FrameMapper.INSTANCE.read(line));
        }
      } catch (FrameDecodingException e) {
        throw new AssertionError(e);
      } finally {
        buf.release();
      }
    }
    return frames;
  }
}
