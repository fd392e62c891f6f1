package io.webassist.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * One record as a JSON object whose fields are its components, by name and in declaration order;
 * {@code null} components are left out. Reading calls the canonical constructor, so the record's
 * own checks decide what is valid; fields it does not know are skipped.
 *
 * <p>The order of events follows Jackson databind's property-based creator, which this replaced
 * (see {@link FrameMapper}), so that a bad line is answered as before: the record is built as soon
 * as every component has been seen, and the fields after that are skipped without being read; a
 * field it does not know before that point is read through (its text decoded), so that malformed
 * text there is malformed JSON; a component that comes again once the record is built is refused.
 * Only for this likeness are unknown fields read in two ways; both skip them.
 */
final class RecordCodec extends ValueCodec {

  private final Constructor<?> constructor;
  private final Component[] components;
  private final Map<String, Component> byName = new HashMap<>();

  private record Component(int index, String name, SerializableString jsonName, ValueCodec codec, Method accessor) {}

  RecordCodec(Class<?> type) {
    RecordComponent[] recordComponents = type.getRecordComponents();
    if (recordComponents.length > Long.SIZE) {
      throw new IllegalArgumentException(type + " has more than " + Long.SIZE + " components");
    }
    Class<?>[] parameterTypes = new Class<?>[recordComponents.length];
    components = new Component[recordComponents.length];
    for (int i = 0; i < recordComponents.length; i++) {
      RecordComponent rc = recordComponents[i];
      parameterTypes[i] = rc.getType();
      components[i] = new Component(i, rc.getName(), new SerializedString(rc.getName()),
          ValueCodec.of(rc.getGenericType()), rc.getAccessor());
      byName.put(rc.getName(), components[i]);
    }
    try {
      constructor = type.getDeclaredConstructor(parameterTypes);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("no canonical constructor in " + type, e);
    }
  }

  @Override
  Object read(JsonParser p) throws IOException, BindException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw BindException.wrongShape();
    }
    return readFields(p, p.nextToken());
  }

  /**
   * Reads the object's fields from {@code t}, the parser's current token (a field name, or the
   * object's end), up to and including the object's end.
   */
  Object readFields(JsonParser p, JsonToken t) throws IOException, BindException {
    if (components.length == 0) {
      return skipRest(p, t, construct(new Object[0]));
    }
    Object[] args = new Object[components.length];
    long seen = 0;
    int missing = components.length;
    for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      Component component = byName.get(name);
      if (component == null) {
        readThrough(p);
        continue;
      }
      args[component.index] = readComponent(p, component);
      long bit = 1L << component.index;
      if ((seen & bit) == 0) {
        seen |= bit;
        if (--missing == 0) {
          JsonToken next = p.nextToken();
          return skipRest(p, next, construct(args));
        }
      }
    }
    for (Component component : components) {
      if ((seen & (1L << component.index)) == 0) {
        args[component.index] = component.codec.absent();
      }
    }
    return construct(args);
  }

  private static Object readComponent(JsonParser p, Component component) throws BindException {
    try {
      return component.codec.readNullable(p);
    } catch (IOException | BindException | RuntimeException e) {
      throw BindException.at(component.name, e);
    }
  }

  /**
   * The fields after the record is complete: unknown ones skipped unread; a repeated component is
   * refused (a repeated list or map after its value is read, so a bad element is named as such).
   */
  private Object skipRest(JsonParser p, JsonToken t, Object record) throws IOException, BindException {
    for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      Component component = byName.get(name);
      if (component != null) {
        if (component.codec.isContainer()) {
          readComponent(p, component); // a list or map is read first: a bad element is named as such
        }
        throw BindException.at(name, BindException.wrongShape());
      }
      p.skipChildren();
    }
    return record;
  }

  /** Reads over an unknown field's value, decoding its text and numbers on the way (so bad text there is malformed JSON). */
  static void readThrough(JsonParser p) throws IOException {
    int depth = 0;
    JsonToken t = p.currentToken();
    while (true) {
      if (t.isStructStart()) {
        depth++;
      } else if (t.isStructEnd()) {
        depth--;
      } else if (t == JsonToken.VALUE_STRING) {
        p.getText();
      } else if (t == JsonToken.VALUE_NUMBER_INT) {
        p.getNumberType();
      }
      if (depth == 0) {
        return;
      }
      t = p.nextToken();
    }
  }

  private Object construct(Object[] args) throws BindException {
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw refusal(e);
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A constructor's or factory's own exception as a refusal of the value; errors pass. */
  static BindException refusal(InvocationTargetException e) {
    Throwable cause = e.getCause();
    if (cause instanceof Error error) {
      throw error;
    }
    if (cause instanceof RuntimeException runtime) {
      return BindException.refused(runtime);
    }
    return BindException.refused(new IllegalStateException(cause));
  }

  @Override
  void write(JsonGenerator g, Object value) throws IOException {
    g.writeStartObject(value);
    writeFields(g, value);
    g.writeEndObject();
  }

  /** Writes the components that are not {@code null}, in declaration order. */
  void writeFields(JsonGenerator g, Object value) throws IOException {
    for (Component component : components) {
      Object v;
      try {
        v = component.accessor.invoke(value, (Object[]) null); // no empty varargs array per call
      } catch (InvocationTargetException | IllegalAccessException e) {
        throw new IllegalStateException("cannot read " + component.name + " of " + value.getClass().getSimpleName(), e);
      }
      if (v != null) {
        g.writeFieldName(component.jsonName);
        component.codec.write(g, v);
      }
    }
  }
}
