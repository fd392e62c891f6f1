package io.webassist.client;

import io.webassist.protocol.frame.EndReason;

/**
 * The request's place in the queue ({@code support.queued}): {@code position} 1 is the front;
 * {@code estimatedWaitMs} is the server's estimate, null when it cannot say; {@code requeuedBecause}
 * says why the request was put back (for example {@link EndReason#AGENT_LEFT}), null for a plain update.
 */
public record QueueSpot(int position, Long estimatedWaitMs, EndReason requeuedBecause) {}
