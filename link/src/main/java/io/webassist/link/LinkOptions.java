package io.webassist.link;

import io.webassist.protocol.codec.NdjsonCodec;
import java.time.Duration;

/**
 * Limits, timings and transport security of the link library. The defaults suit a desktop app on
 * the Internet; tests shorten them. There is no default {@link TransportSecurity}: a program
 * chooses TLS pinned to its server or, explicitly, plain TCP, or every connection fails with
 * {@link LinkException#NO_SECURITY}. Immutable; change with {@link #toBuilder()}.
 */
public final class LinkOptions {
  public static final LinkOptions DEFAULTS = builder().build();

  private final int maxLineLength;
  private final Duration connectTimeout;
  private final Duration dialTimeout;
  private final Duration handshakeTimeout;
  private final Duration directTimeout;
  private final Duration establishTimeout;
  private final Duration recoveryTimeout;
  private final Duration pingInterval;
  private final Duration idleTimeout;
  private final int resendBufferSize;
  private final int outboundHardLimitBytes;
  private final TransportSecurity security;

  private LinkOptions(Builder b) {
    this.maxLineLength = b.maxLineLength;
    this.connectTimeout = b.connectTimeout;
    this.dialTimeout = b.dialTimeout;
    this.handshakeTimeout = b.handshakeTimeout;
    this.directTimeout = b.directTimeout;
    this.establishTimeout = b.establishTimeout;
    this.recoveryTimeout = b.recoveryTimeout;
    this.pingInterval = b.pingInterval;
    this.idleTimeout = b.idleTimeout;
    this.resendBufferSize = b.resendBufferSize;
    this.outboundHardLimitBytes = b.outboundHardLimitBytes;
    this.security = b.security;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The {@link #DEFAULTS} with {@code security}: what a program normally uses. */
  public static LinkOptions of(TransportSecurity security) {
    return DEFAULTS.toBuilder().security(security).build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxLineLength = maxLineLength;
    b.connectTimeout = connectTimeout;
    b.dialTimeout = dialTimeout;
    b.handshakeTimeout = handshakeTimeout;
    b.directTimeout = directTimeout;
    b.establishTimeout = establishTimeout;
    b.recoveryTimeout = recoveryTimeout;
    b.pingInterval = pingInterval;
    b.idleTimeout = idleTimeout;
    b.resendBufferSize = resendBufferSize;
    b.outboundHardLimitBytes = outboundHardLimitBytes;
    b.security = security;
    return b;
  }

  /** Longest NDJSON line accepted, in bytes. */
  public int maxLineLength() {
    return maxLineLength;
  }

  /** TCP connect limit towards the dispatch server and the relay. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** TCP connect limit for each direct dial to the user (claims 96, 107): short, NAT usually drops. */
  public Duration dialTimeout() {
    return dialTimeout;
  }

  /** How long a fresh connection may take to say who it is ({@code peer.hello}, {@code welcome}, {@code session.resume}). */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** How long a direct link may take to come up before both sides fall back to the relay. */
  public Duration directTimeout() {
    return directTimeout;
  }

  /** How long a session may take to get any link at all, direct or relay. */
  public Duration establishTimeout() {
    return establishTimeout;
  }

  /** How long both sides try to re-establish a dropped link before they report it lost. */
  public Duration recoveryTimeout() {
    return recoveryTimeout;
  }

  /** A {@code ping} goes out after this much silence from our side. */
  public Duration pingInterval() {
    return pingInterval;
  }

  /** A link that hears nothing (not even a {@code pong}) for this long is considered dropped. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** Sent events kept for resending after a link drop. */
  public int resendBufferSize() {
    return resendBufferSize;
  }

  /** Unsent bytes above which a peer that stopped reading is disconnected. */
  public int outboundHardLimitBytes() {
    return outboundHardLimitBytes;
  }

  /** TLS pinned to the dispatch server, or plain TCP; null if the program has not chosen yet. */
  public TransportSecurity security() {
    return security;
  }

  /**
   * The chosen security.
   *
   * @throws LinkException with {@link LinkException#NO_SECURITY} if none was chosen
   */
  public TransportSecurity requireSecurity() {
    if (security == null) {
      throw new LinkException(LinkException.NO_SECURITY, "no transport security chosen: use "
          + "TransportSecurity.pinned(serverFingerprint) (--server-fingerprint) or TransportSecurity.insecure() (--insecure)");
    }
    return security;
  }

  /** Builder for {@link LinkOptions}. */
  public static final class Builder {
    private int maxLineLength = NdjsonCodec.DEFAULT_MAX_LINE_LENGTH;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration dialTimeout = Duration.ofMillis(1500);
    private Duration handshakeTimeout = Duration.ofSeconds(5);
    private Duration directTimeout = Duration.ofSeconds(4);
    private Duration establishTimeout = Duration.ofSeconds(30);
    private Duration recoveryTimeout = Duration.ofSeconds(30);
    private Duration pingInterval = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(35);
    private int resendBufferSize = 2048;
    private int outboundHardLimitBytes = 4 * 1024 * 1024;
    private TransportSecurity security;

    private Builder() {}

    public Builder maxLineLength(int bytes) {
      this.maxLineLength = bytes;
      return this;
    }

    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    public Builder dialTimeout(Duration d) {
      this.dialTimeout = d;
      return this;
    }

    public Builder handshakeTimeout(Duration d) {
      this.handshakeTimeout = d;
      return this;
    }

    public Builder directTimeout(Duration d) {
      this.directTimeout = d;
      return this;
    }

    public Builder establishTimeout(Duration d) {
      this.establishTimeout = d;
      return this;
    }

    public Builder recoveryTimeout(Duration d) {
      this.recoveryTimeout = d;
      return this;
    }

    public Builder pingInterval(Duration d) {
      this.pingInterval = d;
      return this;
    }

    public Builder idleTimeout(Duration d) {
      this.idleTimeout = d;
      return this;
    }

    public Builder resendBufferSize(int events) {
      this.resendBufferSize = events;
      return this;
    }

    public Builder outboundHardLimitBytes(int bytes) {
      this.outboundHardLimitBytes = bytes;
      return this;
    }

    /** TLS pinned to the dispatch server, or explicitly plain TCP; see {@link TransportSecurity}. */
    public Builder security(TransportSecurity value) {
      this.security = value;
      return this;
    }

    public LinkOptions build() {
      if (idleTimeout.compareTo(pingInterval) <= 0) {
        throw new IllegalArgumentException("idleTimeout must be longer than pingInterval");
      }
      if (resendBufferSize < 1) {
        throw new IllegalArgumentException("resendBufferSize must be at least 1");
      }
      return new LinkOptions(this);
    }
  }
}
