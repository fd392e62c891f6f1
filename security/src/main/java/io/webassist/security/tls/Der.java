package io.webassist.security.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The few DER encodings an X.509 certificate needs (ITU-T X.690), so that a self-signed
 * certificate can be made with the JDK alone. Each method returns one complete TLV.
 */
final class Der {

  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
  private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

  private Der() {}

  static byte[] sequence(byte[]... parts) {
    return tlv(0x30, concat(parts));
  }

  static byte[] set(byte[]... parts) {
    return tlv(0x31, concat(parts));
  }

  /** Context-specific constructed tag {@code [n]} around {@code content}, as EXPLICIT tagging needs. */
  static byte[] explicit(int tagNumber, byte[] content) {
    return tlv(0xA0 | tagNumber, content);
  }

  /** Context-specific primitive tag {@code [n]}, as GeneralName's IMPLICIT choices need. */
  static byte[] implicitPrimitive(int tagNumber, byte[] value) {
    return tlv(0x80 | tagNumber, value);
  }

  static byte[] integer(BigInteger value) {
    return tlv(0x02, value.toByteArray()); // two's complement, minimal: exactly what DER wants
  }

  static byte[] bool(boolean value) {
    return tlv(0x01, new byte[] {(byte) (value ? 0xFF : 0x00)});
  }

  static byte[] octetString(byte[] value) {
    return tlv(0x04, value);
  }

  /** A BIT STRING whose length is a whole number of bytes. */
  static byte[] bitString(byte[] value) {
    byte[] content = new byte[value.length + 1];
    System.arraycopy(value, 0, content, 1, value.length);
    return tlv(0x03, content);
  }

  static byte[] utf8String(String value) {
    return tlv(0x0C, value.getBytes(StandardCharsets.UTF_8));
  }

  /** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
  static byte[] time(ZonedDateTime instant) {
    ZonedDateTime utc = instant.withZoneSameInstant(ZoneOffset.UTC).withNano(0);
    if (utc.getYear() < 2050) {
      return tlv(0x17, UTC_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
    }
    return tlv(0x18, GENERALIZED_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      writeBase128(out, Long.parseLong(arcs[i]));
    }
    return tlv(0x06, out.toByteArray());
  }

  static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static void writeBase128(ByteArrayOutputStream out, long value) {
    int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
    for (int i = groups - 1; i >= 0; i--) {
      int septet = (int) ((value >>> (7 * i)) & 0x7F);
      out.write(i == 0 ? septet : septet | 0x80);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
