package io.webassist.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.webassist.protocol.codec.FrameDecodingException;
import io.webassist.protocol.codec.FrameMapper;
import io.webassist.protocol.frame.ChatMessage;
import io.webassist.protocol.frame.Frame;
import org.junit.jupiter.api.Test;

/**
 * What fuzzing found in protocol code, kept as plain regression tests (both bugs are fixed).
 */
class KnownFindingsTest {

  private static final String LONE_SURROGATE_LINE =
      "{\"type\":\"chat.message\",\"text\":\"x\\ud800y\",\"seq\":1,\"ts\":1}";

  /** The wire path is fine: the UTF-8 generator escapes the lone surrogate as {@code \ud800}. */
  @Test
  void loneSurrogateSurvivesTheWirePath() throws Exception {
    Frame frame = FrameMapper.INSTANCE.read(LONE_SURROGATE_LINE);
    ByteBuf wire = Unpooled.buffer();
    try {
      FrameMapper.INSTANCE.write(frame, wire);

      assertThat(FrameMapper.INSTANCE.read(wire)).isEqualTo(frame);
    } finally {
      wire.release();
    }
  }

  /**
   * Fixed bug (found by NdjsonFuzzTest, seed {@code odd-lone-surrogate}): JSON may carry an unpaired
   * surrogate ({@code "\ud800"}); it decodes into a Java string holding that lone char.
   * {@code FrameMapper.writeString} then returns the raw char, and {@code read(String)} encodes the
   * line with {@code String.getBytes(UTF_8)}, which replaces it with {@code '?'}: the frame comes back
   * with different text. Tools that use the String pair (the scripted client, tests) silently alter
   * such text. Fixed: {@code read(String)} now parses the text itself, not its UTF-8 bytes.
   */
  @Test
  void loneSurrogateSurvivesTheStringPath() throws Exception {
    Frame frame = FrameMapper.INSTANCE.read(LONE_SURROGATE_LINE);

    assertThat(frame).isEqualTo(new ChatMessage(1, 1, "x\ud800y"));
    assertThat(FrameMapper.INSTANCE.read(FrameMapper.INSTANCE.writeString(frame))).isEqualTo(frame);
  }

  /**
   * Fixed bug (found by fuzzing, corpus {@code finding-null-map-value}, {@code finding-null-list-element}):
   * a JSON {@code null} inside a list or map field ({@code cobrowse.snapshot.fields},
   * {@code agent.ready.groups}, {@code session.start}/{@code support.assigned.cobrowseHosts}) makes
   * {@code List.copyOf}/{@code Map.copyOf} in the record's constructor throw a bare
   * {@code NullPointerException}; {@code FrameMapper} turns it into {@code bad_frame} with a
   * {@code null} message, so the sender gets {@code error{code:"bad_frame"}} with no word on which
   * field is wrong. Not a crash (the line is refused and the connection survives). Fixed: the
   * records check the elements with {@code Require.textList/textMap}, which name the field.
   */
  @Test
  void nullInsideAListOrMapIsRefusedWithAMessageNamingTheField() {
    for (String line : new String[] {
        "{\"type\":\"cobrowse.snapshot\",\"seq\":1,\"ts\":1,\"fields\":{\"a\":null}}",
        "{\"type\":\"agent.ready\",\"agentId\":\"a\",\"displayName\":\"A\",\"groups\":[null]}"}) {
      assertThatThrownBy(() -> FrameMapper.INSTANCE.read(line))
          .isInstanceOf(FrameDecodingException.class)
          .hasMessageContaining("field");
    }
  }
}
