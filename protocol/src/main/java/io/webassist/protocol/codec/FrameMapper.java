package io.webassist.protocol.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.FrameTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Turns one JSON object into a {@link Frame} and back. Strict where it matters (no coercion of
 * "5" into 5, no trailing garbage), lenient where the contract says so (unknown fields ignored).
 * Thread-safe; share {@link #INSTANCE}.
 */
public final class FrameMapper {

  public static final FrameMapper INSTANCE = new FrameMapper();

  /** Puts the wire name in a {@code "type"} property without annotating every record. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
  private interface FrameTypeMixin {}

  private final ObjectReader reader;
  private final ObjectWriter writer;

  private FrameMapper() {
    ObjectMapper mapper = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .addMixIn(Frame.class, FrameTypeMixin.class)
        .build();
    // "requestId": 5 is a mistake in the sender, not a string: refuse it rather than guess
    for (CoercionInputShape shape : new CoercionInputShape[] {
        CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    FrameTypes.all().forEach((name, type) -> mapper.registerSubtypes(new NamedType(type, name)));
    this.reader = mapper.readerFor(Frame.class);
    this.writer = mapper.writerFor(Frame.class);
  }

  /** Decodes one line (without its line end). */
  public Frame read(ByteBuf line) throws FrameDecodingException {
    if (!startsWithBrace(line)) {
      throw new FrameDecodingException(ErrorCode.BAD_FRAME, "frame must be a JSON object with a \"type\" field");
    }
    try (ByteBufInputStream in = new ByteBufInputStream(line)) {
      return reader.readValue((java.io.InputStream) in);
    } catch (InvalidTypeIdException e) {
      if (e.getTypeId() == null || e.getTypeId().isEmpty()) {
        throw new FrameDecodingException(ErrorCode.BAD_FRAME, "frame has no \"type\" field");
      }
      throw new FrameDecodingException(ErrorCode.UNKNOWN_TYPE, "unknown frame type \"" + clip(e.getTypeId()) + "\"");
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new FrameDecodingException(ErrorCode.BAD_FRAME, cause.getMessage());
    } catch (StreamReadException e) {
      throw new FrameDecodingException(ErrorCode.BAD_FRAME, "malformed JSON: " + clip(e.getOriginalMessage()));
    } catch (JsonMappingException e) {
      throw new FrameDecodingException(ErrorCode.BAD_FRAME, describe(e));
    } catch (IOException e) {
      throw new FrameDecodingException(ErrorCode.BAD_FRAME, "unreadable frame: " + clip(e.getMessage()));
    }
  }

  /** Decodes one line given as text, for tools and tests. */
  public Frame read(String line) throws FrameDecodingException {
    ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(line.getBytes(StandardCharsets.UTF_8));
    try {
      return read(buf);
    } finally {
      buf.release();
    }
  }

  /** Appends the frame's JSON (without a line end) to {@code out}. */
  public void write(Frame frame, ByteBuf out) {
    try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
      writer.writeValue((java.io.OutputStream) stream, frame);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + frame.type(), e);
    }
  }

  /** The frame as one compact JSON line without the line end. */
  public String writeString(Frame frame) {
    try {
      return writer.writeValueAsString(frame);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode " + frame.type(), e);
    }
  }

  private static boolean startsWithBrace(ByteBuf line) {
    for (int i = line.readerIndex(); i < line.writerIndex(); i++) {
      byte b = line.getByte(i);
      if (b != ' ' && b != '\t' && b != '\r') {
        return b == '{';
      }
    }
    return false;
  }

  private static String describe(JsonMappingException e) {
    String path = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
    if (path.isEmpty()) {
      return "frame must be a JSON object with a \"type\" field";
    }
    return "field '" + path + "' has the wrong type or shape";
  }

  private static String clip(String text) {
    if (text == null) {
      return "";
    }
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
