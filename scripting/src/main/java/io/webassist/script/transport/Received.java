package io.webassist.script.transport;

/** One line that arrived on a connection, without its line end, and when it arrived ({@link System#nanoTime()}). */
public record Received(String line, long atNanos) {}
