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
    // "protocol": 1.5 is not 1
    mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    FrameTypes.all().forEach((name, type) -> mapper.registerSubtypes(new NamedType(type, name)));
    this.reader = mapper.readerFor(Frame.class);
    this.writer = mapper.writerFor(Frame.class);
  }

  /** Decodes one line (without its line end). */
  public Frame read(ByteBuf line) throws FrameDecodingException {
    if (!startsWithBrace(line)) {
      throw notAnObject();
    }
    try (ByteBufInputStream in = new ByteBufInputStream(line)) {
      return reader.readValue((java.io.InputStream) in);
    } catch (IOException e) {
      throw refusal(e);
    }
  }

  /**
   * Decodes one line given as text, for tools and tests. Parsed from the text itself, not from its
   * UTF-8 bytes, so what {@link #writeString} wrote comes back unchanged (even a lone surrogate).
   */
  public Frame read(String line) throws FrameDecodingException {
    if (!line.stripLeading().startsWith("{")) {
      throw notAnObject();
    }
    try {
      return reader.readValue(line);
    } catch (IOException e) {
      throw refusal(e);
    }
  }

  private static FrameDecodingException notAnObject() {
    return new FrameDecodingException(ErrorCode.BAD_FRAME, "frame must be a JSON object with a \"type\" field");
  }

  /** Maps every way Jackson refuses a line to the error code and a message naming the field. */
  private static FrameDecodingException refusal(IOException e) {
    if (e instanceof InvalidTypeIdException invalidType) {
      if (invalidType.getTypeId() == null || invalidType.getTypeId().isEmpty()) {
        return new FrameDecodingException(ErrorCode.BAD_FRAME, "frame has no \"type\" field");
      }
      return new FrameDecodingException(ErrorCode.UNKNOWN_TYPE,
          "unknown frame type \"" + clip(invalidType.getTypeId()) + "\"");
    }
    if (e instanceof ValueInstantiationException instantiation) {
      Throwable cause = instantiation.getCause() != null ? instantiation.getCause() : instantiation;
      String message = cause.getMessage() != null ? cause.getMessage() : describe(instantiation);
      return new FrameDecodingException(ErrorCode.BAD_FRAME, message);
    }
    if (e instanceof StreamReadException read) {
      return new FrameDecodingException(ErrorCode.BAD_FRAME, "malformed JSON: " + clip(read.getOriginalMessage()));
    }
    if (e instanceof JsonMappingException mapping) {
      return new FrameDecodingException(ErrorCode.BAD_FRAME, describe(mapping));
    }
    return new FrameDecodingException(ErrorCode.BAD_FRAME, "unreadable frame: " + clip(e.getMessage()));
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
