package io.webassist.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;

/**
 * NDJSON spoken directly, without the product's codec: the generator must be cheaper than the
 * server it measures, so it writes pre-built lines and reads only the one or two fields it needs
 * with a string search instead of a JSON parse. Good enough for frames the server writes (compact
 * JSON, no spaces, no escaped quotes in ids).
 */
public final class Lines {

  private Lines() {}

  /** The value of the string field {@code name} in a compact JSON line, or null. */
  public static String field(String line, String name) {
    String key = "\"" + name + "\":\"";
    int start = line.indexOf(key);
    if (start < 0) {
      return null;
    }
    start += key.length();
    int end = line.indexOf('"', start);
    return end < 0 ? null : line.substring(start, end);
  }

  /** The {@code type} of a frame line, or "" if it has none. */
  public static String type(String line) {
    String type = field(line, "type");
    return type == null ? "" : type;
  }

  /** Writes {@code json} and a line end, flushing. */
  public static void send(Channel channel, String json) {
    channel.writeAndFlush(Unpooled.wrappedBuffer((json + "\n").getBytes(StandardCharsets.UTF_8)), channel.voidPromise());
  }

  /** Writes {@code json} and a line end without flushing. */
  public static void write(Channel channel, String json) {
    channel.write(Unpooled.wrappedBuffer((json + "\n").getBytes(StandardCharsets.UTF_8)), channel.voidPromise());
  }

  /** A constant needle for {@link #contains}: made once, never released. */
  public static ByteBuf needle(String ascii) {
    return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(ascii.getBytes(StandardCharsets.US_ASCII)));
  }

  /** True if {@code line} contains {@code needle} (from {@link #needle}); neither index moves. */
  public static boolean contains(ByteBuf line, ByteBuf needle) {
    return ByteBufUtil.indexOf(needle, line) >= 0;
  }

  private static final ByteBuf TYPE_KEY = needle("\"type\":\"");

  /**
   * Where the value of the {@code type} field starts in a compact JSON line (its first character
   * after the quote), or -1: found by bytes, nothing decoded. Compare it with {@link #isType}.
   */
  public static int typeAt(ByteBuf line) {
    int at = ByteBufUtil.indexOf(TYPE_KEY, line);
    return at < 0 ? -1 : at + TYPE_KEY.readableBytes();
  }

  /** True if the type value at {@code at} (from {@link #typeAt}) is exactly {@code name} (a {@link #needle}). */
  public static boolean isType(ByteBuf line, int at, ByteBuf name) {
    int length = name.readableBytes();
    return at >= 0 && at + length < line.writerIndex()
        && line.getByte(at + length) == '"'
        && ByteBufUtil.equals(line, at, name, name.readerIndex(), length);
  }

  /**
   * Copies the value of the string field whose key is {@code key} (a {@link #needle} of
   * {@code "name":"}) from {@code line} into {@code out}, as bytes; false if there is none.
   */
  public static boolean copyField(ByteBuf line, ByteBuf key, ByteBuf out) {
    int at = ByteBufUtil.indexOf(key, line);
    if (at < 0) {
      return false;
    }
    int start = at + key.readableBytes();
    int end = line.indexOf(start, line.writerIndex(), (byte) '"');
    if (end < 0) {
      return false;
    }
    out.writeBytes(line, start, end - start);
    return true;
  }

  /** Writes {@code value} in decimal ASCII, without a String. */
  public static void writeDecimal(ByteBuf out, long value) {
    if (value < 0) {
      out.writeByte('-');
      value = -value;
    }
    long divisor = 1;
    while (value / divisor >= 10) {
      divisor *= 10;
    }
    for (; divisor > 0; divisor /= 10) {
      out.writeByte('0' + (int) (value / divisor % 10));
    }
  }

  public static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
