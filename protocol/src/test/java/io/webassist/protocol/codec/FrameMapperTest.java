package io.webassist.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.webassist.protocol.frame.*;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

class FrameMapperTest {

  private final FrameMapper mapper = FrameMapper.INSTANCE;

  static java.util.List<Frame> samples() {
    return SampleFrames.all();
  }

  @Test
  void everyRegisteredTypeHasASample() {
    assertThat(SampleFrames.all().stream().map(Frame::type).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(FrameTypes.all().keySet());
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyFrameSurvivesARoundTrip(Frame frame) throws Exception {
    String line = mapper.writeString(frame);

    assertThat(line).startsWith("{\"type\":\"" + frame.type() + "\"").doesNotContain("\n");
    assertThat(mapper.read(line)).isEqualTo(frame);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyFrameGoesOnTheWireAsItsTextLineInABufferOfExactlyItsSize(Frame frame) {
    byte[] text = (mapper.writeString(frame) + "\n").getBytes(StandardCharsets.UTF_8);
    for (int twice = 0; twice < 2; twice++) { // the second time on this thread's kept generator: nothing carried over
      ByteBuf line = mapper.writeLine(frame, UnpooledByteBufAllocator.DEFAULT);
      try {
        assertThat(ByteBufUtil.getBytes(line)).isEqualTo(text);
        assertThat(line.capacity()).isEqualTo(text.length);
      } finally {
        line.release();
      }
    }
  }

  @Test
  void aFrameWhoseWritingFailsHalfWayLeavesTheNextFrameWhole() {
    Frame big = new ChatMessage(1, 2, "x".repeat(Require.LONG_TEXT)); // over the generator's buffer: written in two pieces
    ByteBuf tooSmall = Unpooled.buffer(16, 16);
    assertThatThrownBy(() -> mapper.write(big, tooSmall)).isInstanceOf(IndexOutOfBoundsException.class);

    ByteBuf next = Unpooled.buffer();
    mapper.write(Ping.INSTANCE, next);
    assertThat(next.toString(StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"ping\"}");
    next.release();
  }

  @Test
  void readsAHandWrittenRequestAndIgnoresUnknownFields() throws Exception {
    Frame frame = mapper.read("{\"type\":\"support.request\",\"name\":\"Ada\",\"phone\":\"123\","
        + "\"customerId\":\"acme\",\"pageUrl\":\"https://x.example/a\",\"peer\":{\"host\":\"10.0.0.2\",\"port\":5000},"
        + "\"shoeSize\":44}");

    assertThat(frame).isEqualTo(new SupportRequest("Ada", "123", "acme", "https://x.example/a",
        new Endpoint("10.0.0.2", 5000)));
  }

  @Test
  void leavesOutAbsentOptionalFields() {
    assertThat(mapper.writeString(new SupportQueued("r-1", 3)))
        .isEqualTo("{\"type\":\"support.queued\",\"requestId\":\"r-1\",\"position\":3}");
    assertThat(mapper.writeString(Ping.INSTANCE)).isEqualTo("{\"type\":\"ping\"}");
  }

  @Test
  void agentReadyCarriesTheConfiguredMaxSessionsAndAnOlderServersFrameNone() throws Exception {
    assertThat(mapper.read("{\"type\":\"agent.ready\",\"agentId\":\"bob\",\"displayName\":\"Bob\","
        + "\"groups\":[\"general\"],\"maxSessions\":5}"))
        .isEqualTo(new AgentReady("bob", "Bob", java.util.List.of("general"), java.util.List.of(), 5));
    assertThat(mapper.read("{\"type\":\"agent.ready\",\"agentId\":\"bob\",\"groups\":[\"general\"]}"))
        .isInstanceOfSatisfying(AgentReady.class, ready -> assertThat(ready.maxSessions()).isNull());
    assertThat(mapper.writeString(new AgentReady("bob", "Bob", java.util.List.of("general"))))
        .doesNotContain("maxSessions");
    assertThatThrownBy(() -> mapper.read("{\"type\":\"agent.ready\",\"agentId\":\"bob\",\"groups\":[],"
        + "\"maxSessions\":0}"))
        .isInstanceOfSatisfying(FrameDecodingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME))
        .hasMessageContaining("maxSessions");
  }

  @Test
  void unknownTypeIsRefusedWithUnknownType() {
    assertThatThrownBy(() -> mapper.read("{\"type\":\"teleport\"}"))
        .isInstanceOfSatisfying(FrameDecodingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE))
        .hasMessageContaining("teleport");
  }

  @Test
  void missingTypeIsABadFrame() {
    assertThatThrownBy(() -> mapper.read("{\"name\":\"x\"}"))
        .isInstanceOfSatisfying(FrameDecodingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME))
        .hasMessageContaining("type");
  }

  @Test
  void missingRequiredFieldNamesFrameAndField() {
    assertThatThrownBy(() -> mapper.read("{\"type\":\"offer.accept\"}"))
        .isInstanceOfSatisfying(FrameDecodingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME))
        .hasMessage("offer.accept: field 'requestId' is required");
  }

  @Test
  void aPhoneNumberWithLettersIsRefusedNamingTheField() throws Exception {
    assertThatThrownBy(() -> mapper.read("{\"type\":\"support.request\",\"phone\":\"abc\"}"))
        .isInstanceOfSatisfying(FrameDecodingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME))
        .hasMessage("support.request: field 'phone' may hold only digits, spaces and + ( ) - . /");
    assertThat(mapper.read("{\"type\":\"support.request\",\"phone\":\"+44 (0)20.7946/0000-1\"}")).isNotNull();
  }

  @Test
  void wrongFieldTypeNamesTheField() {
    assertThatThrownBy(() -> mapper.read(
        "{\"type\":\"support.request\",\"name\":\"Ada\",\"peer\":{\"host\":\"h\",\"port\":\"eighty\"}}"))
        .isInstanceOf(FrameDecodingException.class)
        .hasMessageContaining("peer.port");
  }

  @Test
  void numberIsNotCoercedIntoText() {
    assertThatThrownBy(() -> mapper.read("{\"type\":\"offer.accept\",\"requestId\":5}"))
        .isInstanceOf(FrameDecodingException.class)
        .hasMessageContaining("requestId");
  }

  @Test
  void fractionIsNotTruncatedIntoAnInteger() {
    assertThatThrownBy(() -> mapper.read("{\"type\":\"hello\",\"role\":\"user\",\"protocol\":1.5}"))
        .isInstanceOf(FrameDecodingException.class)
        .hasMessageContaining("protocol");
  }

  @ParameterizedTest
  @FieldSource("NOT_OBJECTS")
  void somethingOtherThanOneObjectIsABadFrame(String line) {
    assertThatThrownBy(() -> mapper.read(line))
        .isInstanceOfSatisfying(FrameDecodingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
  }

  static final java.util.List<String> NOT_OBJECTS = java.util.List.of(
      "[1,2]", "42", "\"ping\"", "null", "{\"type\":\"ping\"} {\"type\":\"ping\"}", "{\"type\":\"ping\"",
      "not json at all", "{\"type\":\"hello\",\"role\":\"emperor\",\"protocol\":1}");

  @Test
  void hugeFieldIsRefusedNamingTheField() {
    String name = "x".repeat(Require.SHORT_TEXT + 1);
    assertThatThrownBy(() -> mapper.read("{\"type\":\"support.request\",\"name\":\"" + name + "\"}"))
        .isInstanceOf(FrameDecodingException.class)
        .hasMessageContaining("'name'");
  }

  @Test
  void secretsAndTokensNeverAppearInToString() {
    assertThat(new AgentLogin("alice", "hunter2").toString()).doesNotContain("hunter2");
    assertThat(new PeerHello("s", "tok-123").toString()).doesNotContain("tok-123");
    assertThat(new RelayJoin("s", "tok-123").toString()).doesNotContain("tok-123");
  }
}
