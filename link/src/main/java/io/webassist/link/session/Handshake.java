package io.webassist.link.session;

import io.webassist.link.LinkException;
import io.webassist.link.LinkRuntime;
import io.webassist.link.transport.FrameChannel;
import io.webassist.link.transport.FrameSink;
import io.webassist.protocol.frame.ErrorFrame;
import io.webassist.protocol.frame.Frame;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The opening exchange on a connection we made (peer dial, relay join): a bounded wait for the
 * one frame that says the link is ready. On success the channel is handed off, parked, for the
 * session link to take; on failure or cancellation it is closed. Link thread only.
 */
abstract class Handshake implements FrameSink {
  final CompletableFuture<FrameChannel> result = new CompletableFuture<>();
  private final String what;
  private FrameChannel channel;
  private ScheduledFuture<?> timer;

  Handshake(String what) {
    this.what = what;
    result.whenComplete((ch, failure) -> {
      if (timer != null) {
        timer.cancel(false);
      }
      if (failure != null && channel != null) {
        channel.close();
      }
    });
  }

  /** Called once connected: send the opening frames, start the clock. */
  final void begin(LinkRuntime runtime, FrameChannel ch, Duration limit) {
    this.channel = ch;
    if (result.isDone()) {
      ch.close();
      return;
    }
    timer = runtime.schedule(() -> fail(LinkException.TIMEOUT, what + " took longer than " + limit.toMillis() + " ms"), limit);
    opening(ch);
  }

  abstract void opening(FrameChannel ch);

  /** Whether {@code frame} completes the hand-shake; errors are handled here. */
  abstract boolean completes(Frame frame);

  @Override
  public final void onFrame(FrameChannel ch, Frame frame) {
    if (result.isDone()) {
      return;
    }
    if (frame instanceof ErrorFrame error) {
      fail(error.code(), what + " refused: " + error.message());
    } else if (completes(frame)) {
      ch.handOff();
      result.complete(ch);
    }
  }

  @Override
  public final void onClosed(FrameChannel ch) {
    if (channel == null) {
      return; // closed before it was up (a failed TLS handshake): the connect failure says why
    }
    fail(LinkException.CLOSED, what + ": connection closed");
  }

  final void fail(String code, String message) {
    result.completeExceptionally(new LinkException(code, message));
  }
}
