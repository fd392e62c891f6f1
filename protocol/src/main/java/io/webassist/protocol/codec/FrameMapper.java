package io.webassist.protocol.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufAllocator;
import io.webassist.protocol.frame.ErrorCode;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.FrameTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns one JSON object into a {@link Frame} and back. Strict where it matters (no coercion of
 * "5" into 5, no trailing garbage), lenient where the contract says so (unknown fields ignored).
 * Thread-safe; share {@link #INSTANCE}.
 *
 * <p>Built on Jackson's streaming parser and generator ({@code jackson-core}) with a small record
 * binder ({@link RecordCodec}): the wire name in {@code "type"} picks the record, whose components
 * are the fields. It replaced Jackson databind, which was a third of the assist client's download
 * (docs/BENCHMARKS.md, "Assist client"), and answers bad lines as databind did: the same error codes,
 * the same messages naming the frame and the field.
 */
public final class FrameMapper {

  public static final FrameMapper INSTANCE = new FrameMapper();

  private static final String TYPE = "type";
  private static final SerializedString TYPE_NAME = new SerializedString(TYPE);
  /** Per thread, a copy of a line held off-heap, so that the parser reads an array (lines are at most 64 KiB by default). */
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1024]);

  private final JsonFactory json = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
  private final Map<String, RecordCodec> byName = new HashMap<>();
  private final Map<Class<?>, Writing> byType = new HashMap<>();
  /** Per thread, one generator kept from frame to frame: making one per frame cost twice the frame's own writing. */
  private final ThreadLocal<Sink> sinks = ThreadLocal.withInitial(this::newSink);

  /** How a frame type is written: its wire name and its fields. */
  private record Writing(SerializedString name, RecordCodec codec) {}

  private FrameMapper() {
    FrameTypes.all().forEach((name, type) -> {
      RecordCodec codec = new RecordCodec(type);
      byName.put(name, codec);
      byType.put(type, new Writing(new SerializedString(name), codec));
    });
  }

  /** Decodes one line (without its line end). */
  public Frame read(ByteBuf line) throws FrameDecodingException {
    if (!startsWithBrace(line)) {
      throw notAnObject();
    }
    int length = line.readableBytes();
    if (!looksLikeUtf8(line)) {
      // UTF-16 or UTF-32 (a zero byte right after the '{'): rare enough to read as a stream, as ever
      return decode(() -> json.createParser((InputStream) new ByteBufInputStream(line.duplicate())));
    }
    byte[] bytes;
    int offset;
    if (line.hasArray()) {
      bytes = line.array();
      offset = line.arrayOffset() + line.readerIndex();
    } else {
      bytes = SCRATCH.get();
      if (bytes.length < length) {
        bytes = new byte[Math.max(length, bytes.length * 2)];
        SCRATCH.set(bytes);
      }
      offset = 0;
      line.getBytes(line.readerIndex(), bytes, 0, length);
    }
    byte[] source = bytes;
    return decode(() -> json.createParser(source, offset, length));
  }

  /**
   * Decodes one line given as text, for tools and tests. Parsed from the text itself, not from its
   * UTF-8 bytes, so what {@link #writeString} wrote comes back unchanged (even a lone surrogate).
   */
  public Frame read(String line) throws FrameDecodingException {
    if (!line.stripLeading().startsWith("{")) {
      throw notAnObject();
    }
    return decode(() -> json.createParser(line));
  }

  /** Opens a parser on the line; a line is parsed a second time when its {@code "type"} is not the first field. */
  @FunctionalInterface
  private interface Source {
    JsonParser open() throws IOException;
  }

  private Frame decode(Source source) throws FrameDecodingException {
    try (JsonParser p = source.open()) {
      p.nextToken(); // the '{' checked above
      int field = 0;
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken(), field++) {
        String name = p.currentName();
        p.nextToken();
        String type = name.equals(TYPE) ? p.getValueAsString() : null; // a string, or a scalar as its text; null, {} and [] are no type
        if (type != null) {
          RecordCodec codec = byName.get(type);
          if (codec == null) {
            throw type.isEmpty() ? noType() : new FrameDecodingException(ErrorCode.UNKNOWN_TYPE,
                "unknown frame type \"" + clip(type) + "\"");
          }
          if (field == 0) {
            return finish(p, codec.readFields(p, p.nextToken()));
          }
          // the fields before "type" belong to the frame too: read the line again, without the "type" field
          try (JsonParser again = new WithoutField(source.open(), field)) {
            again.nextToken();
            return finish(again, codec.readFields(again, again.nextToken()));
          }
        }
        RecordCodec.readThrough(p);
      }
      throw noType();
    } catch (BindException e) {
      throw refusal(e);
    } catch (StreamReadException e) {
      throw new FrameDecodingException(ErrorCode.BAD_FRAME, "malformed JSON: " + clip(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new FrameDecodingException(ErrorCode.BAD_FRAME, "unreadable frame: " + clip(e.getMessage()));
    }
  }

  /** A parser that passes over one field of the outermost object, by its position, as if it were not there. */
  private static final class WithoutField extends JsonParserDelegate {
    private final int hidden;
    private int field = -1;

    WithoutField(JsonParser parser, int hidden) {
      super(parser);
      this.hidden = hidden;
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken t = delegate.nextToken();
      if (t == JsonToken.FIELD_NAME && delegate.getParsingContext().getParent().inRoot() && ++field == hidden) {
        delegate.nextToken();
        delegate.skipChildren();
        t = delegate.nextToken();
      }
      return t;
    }
  }

  /** The frame, if nothing follows it on the line. */
  private static Frame finish(JsonParser p, Object frame) throws IOException, FrameDecodingException {
    if (p.nextToken() != null) {
      throw notAnObject(); // a second value after the object
    }
    return (Frame) frame;
  }

  private static FrameDecodingException notAnObject() {
    return new FrameDecodingException(ErrorCode.BAD_FRAME, "frame must be a JSON object with a \"type\" field");
  }

  private static FrameDecodingException noType() {
    return new FrameDecodingException(ErrorCode.BAD_FRAME, "frame has no \"type\" field");
  }

  /** A value that does not fit: the record's own message (it names the frame and field), else the field's path. */
  private static FrameDecodingException refusal(BindException e) {
    if (e.isRefusal() && e.refusal() != null) {
      return new FrameDecodingException(ErrorCode.BAD_FRAME, e.refusal());
    }
    String path = e.path();
    if (path.isEmpty()) {
      return notAnObject();
    }
    return new FrameDecodingException(ErrorCode.BAD_FRAME, "field '" + path + "' has the wrong type or shape");
  }

  /** Appends the frame's JSON (without a line end) to {@code out}. */
  public void write(Frame frame, ByteBuf out) {
    encode(frame, out, null);
  }

  /**
   * The frame's JSON and its {@code \n} in a new buffer from {@code alloc}, of the line's size (the
   * encoder's output: no buffer grown and copied for a long line, no room wasted for a short one).
   */
  public ByteBuf writeLine(Frame frame, ByteBufAllocator alloc) {
    ByteBuf line = encode(frame, null, alloc);
    return line.writeByte('\n');
  }

  /** Writes into {@code out}, or when that is null into a buffer {@code alloc} makes once the size is known. */
  private ByteBuf encode(Frame frame, ByteBuf out, ByteBufAllocator alloc) {
    Sink sink = sinks.get();
    boolean kept = !sink.busy;
    if (!kept) {
      sink = newSink(); // a frame written while this thread writes another (not on the wire path): its own generator
    }
    sink.busy = true;
    sink.target = out;
    sink.alloc = alloc;
    boolean done = false;
    try {
      writeFrame(sink.generator, frame);
      sink.generator.flush(); // the whole frame, in one piece unless it is over the generator's 8,000-byte buffer
      done = true;
      return sink.target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + frame.type(), e);
    } finally {
      ByteBuf written = sink.target;
      sink.target = null;
      sink.alloc = null;
      sink.busy = false;
      if (!done) {
        if (kept) {
          sinks.remove(); // the generator is in the middle of a frame: the next one gets a new generator
        }
        if (out == null && written != null) {
          written.release();
        }
      }
    }
  }

  private Sink newSink() {
    Sink sink = new Sink();
    try {
      sink.generator = json.createGenerator((OutputStream) sink, JsonEncoding.UTF8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sink.generator.setRootValueSeparator(null); // one frame after another, nothing between them
    return sink;
  }

  /** Where a kept generator's bytes go: the caller's buffer, or one made on the first bytes (at the frame's end). */
  private static final class Sink extends OutputStream {
    JsonGenerator generator;
    ByteBuf target;
    ByteBufAllocator alloc;
    boolean busy;

    @Override
    public void write(int b) {
      target(1).writeByte(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      target(length).writeBytes(bytes, offset, length);
    }

    private ByteBuf target(int length) {
      if (target == null) {
        target = alloc.ioBuffer(length + 1); // + the line end
      }
      return target;
    }
  }

  /** The frame as one compact JSON line without the line end. */
  public String writeString(Frame frame) {
    BufferRecycler buffers = json._getBufferRecycler();
    try (SegmentedStringWriter text = new SegmentedStringWriter(buffers)) {
      try (JsonGenerator g = json.createGenerator(text)) {
        writeFrame(g, frame);
      }
      return text.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + frame.type(), e);
    } finally {
      buffers.releaseToPool();
    }
  }

  private void writeFrame(JsonGenerator g, Frame frame) throws IOException {
    Writing writing = byType.get(frame.getClass());
    g.writeStartObject();
    g.writeFieldName(TYPE_NAME);
    g.writeString(writing.name());
    writing.codec().writeFields(g, frame);
    g.writeEndObject();
  }

  /** JSON detects UTF-16 and UTF-32 by zero bytes among the first four; UTF-8 text has none there. */
  private static boolean looksLikeUtf8(ByteBuf line) {
    int end = Math.min(line.writerIndex(), line.readerIndex() + 4);
    for (int i = line.readerIndex(); i < end; i++) {
      if (line.getByte(i) == 0) {
        return false;
      }
    }
    return true;
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

  private static String clip(String text) {
    if (text == null) {
      return "";
    }
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
