package io.webassist.protocol.codec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one field type of the frame records reads from and writes to JSON, on Jackson's streaming
 * parser and generator. The types the frames use: text, {@code int}/{@code long}/{@code boolean}
 * and their boxes, enums with a {@link JsonCreator} factory and a {@link JsonValue} wire name,
 * nested records, lists and text maps. Strict: no coercion (a number is not text, {@code 1.5} is
 * not an int, {@code "5"} not a number, but see {@link #blank}); JSON {@code null} is {@link #absent()}.
 */
abstract class ValueCodec {

  /** Reads the value at the parser's current token, which is the value's first token and not {@code null}. */
  abstract Object read(JsonParser p) throws IOException, BindException;

  /** What JSON {@code null} or a missing field gives: {@code null}, or the primitive's zero. */
  Object absent() {
    return null;
  }

  /** Writes a value that is not {@code null}. */
  abstract void write(JsonGenerator g, Object value) throws IOException;

  /** A list or a map. */
  boolean isContainer() {
    return false;
  }

  /** Reads the current value, {@code null} included. */
  final Object readNullable(JsonParser p) throws IOException, BindException {
    return p.currentToken() == JsonToken.VALUE_NULL ? absent() : read(p);
  }

  /** The codec for a record component's generic type; fails at class initialisation for a type the wire cannot carry. */
  static ValueCodec of(Type type) {
    if (type instanceof ParameterizedType generic) {
      Class<?> raw = (Class<?>) generic.getRawType();
      Type[] args = generic.getActualTypeArguments();
      if (raw == List.class) {
        return new ListCodec(of(args[0]), args[0] == String.class);
      }
      if (raw == Map.class && args[0] == String.class && args[1] == String.class) {
        return new TextMapCodec();
      }
      throw new IllegalArgumentException("no JSON codec for " + type);
    }
    Class<?> raw = (Class<?>) type;
    if (raw == String.class) {
      return TEXT;
    } else if (raw == int.class || raw == Integer.class) {
      return new IntCodec(raw.isPrimitive());
    } else if (raw == long.class || raw == Long.class) {
      return new LongCodec(raw.isPrimitive());
    } else if (raw == boolean.class || raw == Boolean.class) {
      return new BooleanCodec(raw.isPrimitive());
    } else if (raw.isEnum()) {
      return new EnumCodec(raw);
    } else if (raw.isRecord()) {
      return new RecordCodec(raw);
    }
    throw new IllegalArgumentException("no JSON codec for " + type);
  }

  /**
   * A number or boolean field may hold text only when the text is blank (not empty, but nothing
   * above U+0020): that reads as {@code null}, as it did under Jackson databind, so no line that was
   * accepted is refused now. Anything else there is the wrong type.
   */
  static Object blank(JsonParser p, Object absent) throws IOException, BindException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      String text = p.getText();
      if (!text.isEmpty() && text.chars().allMatch(c -> c <= ' ')) {
        return absent;
      }
    }
    throw BindException.wrongShape();
  }

  static final ValueCodec TEXT = new ValueCodec() {
    @Override
    Object read(JsonParser p) throws IOException, BindException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw BindException.wrongShape(); // "requestId": 5 is a mistake in the sender: refuse it rather than guess
      }
      return p.getText();
    }

    @Override
    void write(JsonGenerator g, Object value) throws IOException {
      g.writeString((String) value);
    }
  };

  private static final class IntCodec extends ValueCodec {
    private final Object absent;

    IntCodec(boolean primitive) {
      this.absent = primitive ? 0 : null;
    }

    @Override
    Object read(JsonParser p) throws IOException, BindException {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        return blank(p, absent); // "protocol": 1.5 is not 1, "1" is not a number
      }
      return p.getIntValue(); // out of range: an InputCoercionException, a wrong value for the field
    }

    @Override
    Object absent() {
      return absent;
    }

    @Override
    void write(JsonGenerator g, Object value) throws IOException {
      g.writeNumber((Integer) value);
    }
  }

  private static final class LongCodec extends ValueCodec {
    private final Object absent;

    LongCodec(boolean primitive) {
      this.absent = primitive ? 0L : null;
    }

    @Override
    Object read(JsonParser p) throws IOException, BindException {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        return blank(p, absent);
      }
      return p.getLongValue();
    }

    @Override
    Object absent() {
      return absent;
    }

    @Override
    void write(JsonGenerator g, Object value) throws IOException {
      g.writeNumber((Long) value);
    }
  }

  private static final class BooleanCodec extends ValueCodec {
    private final Object absent;

    BooleanCodec(boolean primitive) {
      this.absent = primitive ? Boolean.FALSE : null;
    }

    @Override
    Object read(JsonParser p) throws IOException, BindException {
      return switch (p.currentToken()) {
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        default -> blank(p, absent);
      };
    }

    @Override
    Object absent() {
      return absent;
    }

    @Override
    void write(JsonGenerator g, Object value) throws IOException {
      g.writeBoolean((Boolean) value);
    }
  }

  /** An enum on the wire by its {@link JsonValue} name, read back through its {@link JsonCreator} factory. */
  private static final class EnumCodec extends ValueCodec {
    private final Method factory;
    private final Map<String, Object> byWireName = new HashMap<>();
    private final Map<Object, String> wireNames = new HashMap<>();

    EnumCodec(Class<?> type) {
      Method creator = null;
      Method wireName = null;
      for (Method m : type.getDeclaredMethods()) {
        if (m.isAnnotationPresent(JsonCreator.class) && Modifier.isStatic(m.getModifiers())
            && m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class) {
          creator = m;
        } else if (m.isAnnotationPresent(JsonValue.class) && m.getParameterCount() == 0
            && m.getReturnType() == String.class) {
          wireName = m;
        }
      }
      if (creator == null || wireName == null) {
        throw new IllegalArgumentException(type + " needs a static @JsonCreator (String) and a @JsonValue String method");
      }
      this.factory = creator;
      for (Object constant : type.getEnumConstants()) {
        String name = (String) invoke(wireName, constant);
        byWireName.put(name, constant);
        wireNames.put(constant, name);
      }
    }

    @Override
    Object read(JsonParser p) throws IOException, BindException {
      if (!p.currentToken().isScalarValue()) {
        throw BindException.wrongShape();
      }
      String name = p.getText(); // a number or true is a name too, one the factory refuses in its own words
      Object constant = byWireName.get(name);
      if (constant != null) {
        return constant;
      }
      try {
        return factory.invoke(null, name); // the factory says what is wrong with the name
      } catch (InvocationTargetException e) {
        throw RecordCodec.refusal(e);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    void write(JsonGenerator g, Object value) throws IOException {
      g.writeString(wireNames.get(value));
    }

    private static Object invoke(Method method, Object target) {
      try {
        return method.invoke(target);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * A JSON array. For text elements a parse error between elements is blamed on the element being
   * read ({@code groups.[1]}), for records on the list as a whole, as Jackson databind did.
   */
  private static final class ListCodec extends ValueCodec {
    private final ValueCodec element;
    private final boolean textElements;

    ListCodec(ValueCodec element, boolean textElements) {
      this.element = element;
      this.textElements = textElements;
    }

    @Override
    Object read(JsonParser p) throws IOException, BindException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw BindException.wrongShape();
      }
      List<Object> list = new ArrayList<>();
      while (true) {
        JsonToken t;
        if (textElements) {
          try {
            t = p.nextToken();
          } catch (IOException e) {
            throw BindException.at("[" + list.size() + "]", e);
          }
        } else {
          t = p.nextToken();
        }
        if (t == JsonToken.END_ARRAY) {
          return list;
        }
        try {
          list.add(element.readNullable(p));
        } catch (IOException | BindException | RuntimeException e) {
          throw BindException.at("[" + list.size() + "]", e);
        }
      }
    }

    @Override
    boolean isContainer() {
      return true;
    }

    @Override
    void write(JsonGenerator g, Object value) throws IOException {
      List<?> list = (List<?>) value;
      g.writeStartArray(list, list.size());
      for (Object item : list) {
        if (item == null) {
          g.writeNull();
        } else {
          element.write(g, item);
        }
      }
      g.writeEndArray();
    }
  }

  /** A JSON object of text values; a value of the wrong type is blamed on its key ({@code fields.email}). */
  private static final class TextMapCodec extends ValueCodec {
    @Override
    Object read(JsonParser p) throws IOException, BindException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw BindException.wrongShape();
      }
      Map<String, Object> map = new LinkedHashMap<>();
      for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
        p.nextToken();
        try {
          map.put(key, TEXT.readNullable(p));
        } catch (BindException | RuntimeException e) {
          throw BindException.at(key, e);
        } // malformed text in a value is blamed on the map as a whole, as Jackson databind did
      }
      return map;
    }

    @Override
    boolean isContainer() {
      return true;
    }

    @Override
    void write(JsonGenerator g, Object value) throws IOException {
      Map<?, ?> map = (Map<?, ?>) value;
      g.writeStartObject(map, map.size());
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        g.writeFieldName((String) entry.getKey());
        if (entry.getValue() == null) {
          g.writeNull();
        } else {
          g.writeString((String) entry.getValue());
        }
      }
      g.writeEndObject();
    }
  }
}
